#include "api.h"
#include "broker_state.h"

namespace chippy::broker {
namespace {

SyncGroupRequest decode(std::int16_t v, Reader &body)
{
    SyncGroupRequest req;
    req.groupId = body.string();
    req.generationId = body.i32();
    req.memberId = body.string();
    if (v >= 3) {
        req.groupInstanceId = body.nullableString();
    }
    if (v >= 5) {
        req.protocolType = body.nullableString();
        req.protocolName = body.nullableString();
    }
    body.forEach([&] {
        auto memberId = body.string();
        const auto assignment = body.bytes();
        body.skipTags();
        req.assignments.emplace_back(
            std::move(memberId), Bytes(assignment.begin(), assignment.end()));
    });
    body.skipTags();
    return req;
}

void handleSyncGroup(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    state.groups.syncGroup(
        decode(header.apiVersion, body), [respond](const SyncGroupResult &result) mutable {
            const auto v = respond.apiVersion();
            Writer w = respond.writer();
            if (v >= 1) {
                w.i32(0); // throttle time
            }
            w.i16(code(result.error));
            if (v >= 5) {
                w.nullableString(result.protocolType);
                w.nullableString(result.protocolName);
            }
            w.bytes(result.assignment);
            w.tags();
            respond.send(std::move(w));
        });
}

} // namespace

extern const ApiSpec kSyncGroupApi {ApiKey::SyncGroup, "SyncGroup", 0, 5, 4, &handleSyncGroup};

} // namespace chippy::broker
