#include "api.h"
#include "broker_state.h"

namespace chippy::broker {
namespace {

void handleHeartbeat(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    HeartbeatRequest req;
    req.groupId = body.string();
    req.generationId = body.i32();
    req.memberId = body.string();
    if (v >= 3) {
        req.groupInstanceId = body.nullableString();
    }
    body.skipTags();

    const ErrorCode error = state.groups.heartbeat(req);
    Writer w = respond.writer();
    if (v >= 1) {
        w.i32(0); // throttle time
    }
    w.i16(code(error));
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kHeartbeatApi {ApiKey::Heartbeat, "Heartbeat", 0, 4, 4, &handleHeartbeat};

} // namespace chippy::broker
