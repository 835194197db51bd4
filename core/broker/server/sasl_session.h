#pragma once

#include "protocol/error_code.h"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>

namespace chippy::broker {

// The SASL/PLAIN exchange that opens every connection to a listener with users (KIP-43,
// KIP-152): ApiVersions at will, one SaslHandshake, then the PLAIN message, in a
// SaslAuthenticate request after a v1 handshake or as a bare size-prefixed frame after a v0
// one. A session that fails stays failed: its connection is closed once answered.
class SaslSession
{
public:
    static constexpr const char *kMechanism = "PLAIN";

    struct Answer
    {
        ErrorCode error = ErrorCode::None;
        std::optional<std::string> message;
    };

    explicit SaslSession(const std::map<std::string, std::string> &passwords)
        : m_passwords(passwords)
    { }

    bool authenticated() const { return m_stage == Stage::Authenticated; }
    bool failed() const { return m_stage == Stage::Failed; }
    bool expectsBareToken() const { return m_stage == Stage::AwaitingBareToken; }
    const std::string &user() const { return m_user; }
    // Why the session failed, for the log.
    const std::string &failure() const { return m_failure; }

    ErrorCode handshake(std::int16_t version, const std::string &mechanism);
    Answer authenticate(std::span<const std::uint8_t> token);
    bool authenticateBareToken(std::span<const std::uint8_t> token);

private:
    enum class Stage {
        AwaitingHandshake,
        AwaitingAuthenticate,
        AwaitingBareToken,
        Authenticated,
        Failed
    };

    Answer check(std::span<const std::uint8_t> token);
    Answer fail(ErrorCode error, std::string reason);

    const std::map<std::string, std::string> &m_passwords;
    Stage m_stage = Stage::AwaitingHandshake;
    std::string m_user;
    std::string m_failure;
};

} // namespace chippy::broker
