#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>

namespace chippy::broker {

struct PlainOutcome
{
    bool authenticated = false;
    std::string user;
    std::string error; // for the client and the log; empty once authenticated
};

// Checks a SASL/PLAIN message (RFC 4616: authzid NUL authcid NUL passwd) against the users
// and their passwords. As in Kafka, an authorization id must be empty or the user's own.
PlainOutcome checkPlainToken(
    std::span<const std::uint8_t> token, const std::map<std::string, std::string> &passwords);

} // namespace chippy::broker
