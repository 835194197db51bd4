#include "api.h"
#include "broker_state.h"

namespace chippy::broker {
namespace {

constexpr std::int16_t kFirstBatchVersion = 3;

void handleLeaveGroup(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    const std::string groupId = body.string();
    std::vector<LeavingMember> leaving;
    if (v < kFirstBatchVersion) {
        leaving.push_back({body.string(), std::nullopt});
    } else {
        body.forEach([&] {
            LeavingMember m;
            m.memberId = body.string();
            m.groupInstanceId = body.nullableString();
            if (v >= 5) {
                body.nullableString(); // reason
            }
            body.skipTags();
            leaving.push_back(std::move(m));
        });
    }
    body.skipTags();

    const LeaveGroupResult result = state.groups.leaveGroup(groupId, leaving);
    Writer w = respond.writer();
    if (v >= 1) {
        w.i32(0); // throttle time
    }
    if (v < kFirstBatchVersion) {
        // One member: its own error is the answer.
        ErrorCode error = result.error;
        if (error == ErrorCode::None && !result.memberErrors.empty()) {
            error = result.memberErrors.front();
        }
        w.i16(code(error));
    } else {
        w.i16(code(result.error));
        w.arrayLength(result.memberErrors.size());
        for (std::size_t i = 0; i < result.memberErrors.size(); ++i) {
            w.string(leaving[i].memberId);
            w.nullableString(leaving[i].groupInstanceId);
            w.i16(code(result.memberErrors[i]));
            w.tags();
        }
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kLeaveGroupApi {ApiKey::LeaveGroup, "LeaveGroup", 0, 5, 4, &handleLeaveGroup};

} // namespace chippy::broker
