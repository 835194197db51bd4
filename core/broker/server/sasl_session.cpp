#include "sasl_session.h"

#include "server/sasl_plain.h"

namespace chippy::broker {

ErrorCode SaslSession::handshake(std::int16_t version, const std::string &mechanism)
{
    // Kafka answers so, and keeps the connection, once a client is authenticated.
    if (m_stage == Stage::Authenticated) {
        return ErrorCode::IllegalSaslState;
    }
    if (m_stage != Stage::AwaitingHandshake) {
        return fail(ErrorCode::IllegalSaslState, "a second SaslHandshake").error;
    }
    if (mechanism != kMechanism) {
        return fail(ErrorCode::UnsupportedSaslMechanism,
            "unsupported SASL mechanism '" + mechanism + "' (only PLAIN is enabled)")
            .error;
    }
    m_stage = version == 0 ? Stage::AwaitingBareToken : Stage::AwaitingAuthenticate;
    return ErrorCode::None;
}

SaslSession::Answer SaslSession::authenticate(std::span<const std::uint8_t> token)
{
    if (m_stage == Stage::Authenticated) {
        return {ErrorCode::IllegalSaslState, "SaslAuthenticate after successful authentication"};
    }
    if (m_stage != Stage::AwaitingAuthenticate) {
        return fail(
            ErrorCode::IllegalSaslState, "SaslAuthenticate without a SaslHandshake v1 first");
    }
    return check(token);
}

bool SaslSession::authenticateBareToken(std::span<const std::uint8_t> token)
{
    return m_stage == Stage::AwaitingBareToken && check(token).error == ErrorCode::None;
}

SaslSession::Answer SaslSession::check(std::span<const std::uint8_t> token)
{
    const PlainOutcome outcome = checkPlainToken(token, m_passwords);
    m_user = outcome.user;
    if (!outcome.authenticated) {
        return fail(ErrorCode::SaslAuthenticationFailed, outcome.error);
    }
    m_stage = Stage::Authenticated;
    return {};
}

SaslSession::Answer SaslSession::fail(ErrorCode error, std::string reason)
{
    m_stage = Stage::Failed;
    m_failure = reason;
    return {error, std::move(reason)};
}

} // namespace chippy::broker
