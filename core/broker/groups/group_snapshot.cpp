#include "group_snapshot.h"

#include "consumer_protocol.h"
#include "group_coordinator.h"
#include "log/topic_registry.h"

#include <algorithm>

namespace chippy::broker {

void addGroupsToSnapshot(
    const GroupCoordinator &groups, TopicRegistry &topics, BrokerSnapshot &snapshot)
{
    for (const auto &[id, group] : groups.groups()) {
        BrokerSnapshot::Group g;
        g.groupId = id;
        g.state = groupStateName(group->state);
        g.generation = group->generationId;
        g.protocolType = group->protocolType.value_or("");
        g.protocol = group->protocolName.value_or("");
        g.leaderId = group->leaderId.value_or("");
        for (const auto &[memberId, member] : group->members) {
            BrokerSnapshot::Member m;
            m.memberId = memberId;
            m.clientId = member.clientId;
            m.host = member.clientHost;
            if (group->protocolType == "consumer") {
                if (auto assignment = decodeAssignment(member.assignment)) {
                    m.assignment = std::move(*assignment);
                }
            }
            g.members.push_back(std::move(m));
        }
        for (const auto &[key, committed] : group->offsets) {
            std::int64_t lag = 0;
            if (Topic *topic = topics.find(key.first)) {
                if (const PartitionLog *log = topic->partition(key.second)) {
                    lag = std::max<std::int64_t>(0, log->logEndOffset() - committed.offset);
                }
            }
            g.offsets.push_back({key.first, key.second, committed.offset, lag});
        }
        snapshot.groups.push_back(std::move(g));
    }
}

} // namespace chippy::broker
