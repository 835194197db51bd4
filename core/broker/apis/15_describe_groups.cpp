#include "api.h"
#include "broker_state.h"

namespace chippy::broker {
namespace {

constexpr std::int32_t kAuthorizedOperationsOmitted = INT32_MIN;
// Without access control every group operation is allowed: READ (3), DELETE (6), DESCRIBE (8).
constexpr std::int32_t kAllGroupOperations = (1 << 3) | (1 << 6) | (1 << 8);

void writeGroup(Writer &w, std::int16_t v, const std::string &groupId, const Group *group,
    bool includeAuthorizedOperations)
{
    w.i16(code(ErrorCode::None));
    w.string(groupId);
    if (!group) {
        w.string(groupStateName(GroupState::Dead));
        w.string(""); // protocol type
        w.string(""); // protocol data
        w.arrayLength(0);
    } else {
        // Metadata and assignments are only meaningful, so only shown, once stable.
        const bool stable = group->is(GroupState::Stable);
        w.string(groupStateName(group->state));
        w.string(group->protocolType.value_or(""));
        w.string(stable ? group->protocolName.value_or("") : std::string());
        w.arrayLength(group->members.size());
        for (const auto &[memberId, member] : group->members) {
            w.string(memberId);
            if (v >= 4) {
                w.nullableString(member.groupInstanceId);
            }
            w.string(member.clientId);
            w.string(member.clientHost);
            const Bytes *metadata = stable && group->protocolName
                ? member.metadataFor(*group->protocolName)
                : nullptr;
            w.bytes(metadata ? *metadata : Bytes {});
            w.bytes(stable ? member.assignment : Bytes {});
            w.tags();
        }
    }
    if (v >= 3) {
        w.i32(includeAuthorizedOperations ? kAllGroupOperations : kAuthorizedOperationsOmitted);
    }
    w.tags();
}

void handleDescribeGroups(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    std::vector<std::string> groupIds;
    body.forEach([&] { groupIds.push_back(body.string()); });
    const bool includeAuthorizedOperations = v >= 3 && body.boolean();
    body.skipTags();

    Writer w = respond.writer();
    if (v >= 1) {
        w.i32(0); // throttle time
    }
    w.arrayLength(groupIds.size());
    for (const auto &id : groupIds) {
        writeGroup(w, v, id, state.groups.find(id), includeAuthorizedOperations);
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kDescribeGroupsApi {
    ApiKey::DescribeGroups, "DescribeGroups", 0, 5, 5, &handleDescribeGroups};

} // namespace chippy::broker
