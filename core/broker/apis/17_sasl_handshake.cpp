#include "api.h"
#include "broker_state.h"
#include "server/sasl_session.h"

namespace chippy::broker {
namespace {

void handleSaslHandshake(
    BrokerState &, const RequestHeader &header, Reader &body, Responder respond)
{
    const std::string mechanism = body.string();
    SaslSession *sasl = respond.sasl();
    // A listener without users, like an authenticated connection, has no handshake to
    // make: Kafka answers ILLEGAL_SASL_STATE there and names no mechanism.
    const bool handshaking = sasl && !sasl->authenticated();
    const ErrorCode error
        = handshaking ? sasl->handshake(header.apiVersion, mechanism) : ErrorCode::IllegalSaslState;

    Writer w = respond.writer();
    w.i16(code(error));
    w.arrayLength(handshaking ? 1 : 0);
    if (handshaking) {
        w.string(SaslSession::kMechanism);
    }
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kSaslHandshakeApi {
    ApiKey::SaslHandshake, "SaslHandshake", 0, 1, ApiSpec::kNeverFlexible, &handleSaslHandshake};

} // namespace chippy::broker
