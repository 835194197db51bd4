#include "sasl_plain.h"

#include <string_view>
#include <vector>

namespace chippy::broker {

PlainOutcome checkPlainToken(
    std::span<const std::uint8_t> token, const std::map<std::string, std::string> &passwords)
{
    const std::string_view message(reinterpret_cast<const char *>(token.data()), token.size());
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t nul = message.find('\0'); nul != std::string_view::npos;
         nul = message.find('\0', start)) {
        parts.push_back(message.substr(start, nul - start));
        start = nul + 1;
    }
    parts.push_back(message.substr(start));

    PlainOutcome outcome;
    if (parts.size() != 3) {
        outcome.error
            = "invalid SASL/PLAIN message: expected 3 parts, got " + std::to_string(parts.size());
        return outcome;
    }
    const std::string_view authorizationId = parts[0];
    outcome.user = std::string(parts[1]);
    const std::string_view password = parts[2];
    if (outcome.user.empty()) {
        outcome.error = "authentication failed: no user name given";
        return outcome;
    }
    if (!authorizationId.empty() && authorizationId != outcome.user) {
        outcome.error
            = "authentication failed for user " + outcome.user + ": it may not act as another user";
        return outcome;
    }
    const auto known = passwords.find(outcome.user);
    if (known == passwords.end() || known->second != password) {
        outcome.error = "authentication failed for user " + outcome.user;
        return outcome;
    }
    outcome.authenticated = true;
    return outcome;
}

} // namespace chippy::broker
