#include "api.h"
#include "broker_state.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace chippy::broker {
namespace {

void handleDeleteGroups(BrokerState &state, const RequestHeader &, Reader &body, Responder respond)
{
    std::vector<std::string> groupIds;
    body.forEach([&] { groupIds.push_back(body.string()); });
    body.skipTags();

    // A group named twice is deleted, and answered for, once.
    std::vector<std::pair<std::string, ErrorCode>> results;
    for (auto &groupId : groupIds) {
        const bool answered = std::any_of(results.begin(), results.end(),
            [&](const auto &result) { return result.first == groupId; });
        if (!answered) {
            const ErrorCode error = state.groups.deleteGroup(groupId);
            results.emplace_back(std::move(groupId), error);
        }
    }

    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.arrayLength(results.size());
    for (const auto &[groupId, error] : results) {
        w.string(groupId);
        w.i16(code(error));
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kDeleteGroupsApi {
    ApiKey::DeleteGroups, "DeleteGroups", 0, 2, 2, &handleDeleteGroups};

} // namespace chippy::broker
