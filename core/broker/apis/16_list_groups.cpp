#include "api.h"
#include "broker_state.h"

#include <algorithm>

namespace chippy::broker {
namespace {

void handleListGroups(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    // Empty: every state. A state name Kafka does not know matches no group.
    std::vector<std::optional<GroupState>> statesFilter;
    if (v >= 4) {
        body.forEach([&] { statesFilter.push_back(parseGroupState(body.string())); });
    }
    body.skipTags();

    std::vector<const Group *> listed;
    for (const auto &[id, group] : state.groups.groups()) {
        const bool wanted = statesFilter.empty()
            || std::find(statesFilter.begin(), statesFilter.end(), group->state)
                != statesFilter.end();
        if (wanted) {
            listed.push_back(group.get());
        }
    }

    Writer w = respond.writer();
    if (v >= 1) {
        w.i32(0); // throttle time
    }
    w.i16(code(ErrorCode::None));
    w.arrayLength(listed.size());
    for (const Group *group : listed) {
        w.string(group->id);
        w.string(group->protocolType.value_or(""));
        if (v >= 4) {
            w.string(groupStateName(group->state));
        }
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kListGroupsApi {ApiKey::ListGroups, "ListGroups", 0, 4, 3, &handleListGroups};

} // namespace chippy::broker
