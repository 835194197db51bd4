#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "server/sasl_session.h"

namespace chippy::broker {
namespace {

void handleSaslAuthenticate(
    BrokerState &, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto token = body.bytes();
    body.skipTags();
    SaslSession *sasl = respond.sasl();
    const SaslSession::Answer answer = sasl
        ? sasl->authenticate(token)
        : SaslSession::Answer {ErrorCode::IllegalSaslState, "this listener takes no SASL"};
    if (answer.error == ErrorCode::None) {
        brokerLog().info("connection {} from {} authenticated as {}", respond.connectionId(),
            respond.peer(), sasl->user());
    }

    Writer w = respond.writer();
    w.i16(code(answer.error));
    w.nullableString(answer.message);
    w.bytes({}); // PLAIN has nothing to say back
    if (header.apiVersion >= 1) {
        w.i64(0); // session lifetime: the session never needs renewing
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kSaslAuthenticateApi {
    ApiKey::SaslAuthenticate, "SaslAuthenticate", 0, 2, 2, &handleSaslAuthenticate};

} // namespace chippy::broker
