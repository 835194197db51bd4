#include "snapshot_builder.h"

#include "apis/api.h"
#include "broker_state.h"
#include "groups/group_snapshot.h"

namespace chippy::broker {

BrokerSnapshot buildSnapshot(BrokerState &state)
{
    BrokerSnapshot s;
    s.host = state.advertisedHost;
    s.port = state.port;
    for (const auto &[name, topic] : state.topics.all()) {
        BrokerSnapshot::Topic t;
        t.name = name;
        t.configOverrides = topic.config.overrides;
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            const auto &log = *topic.partitions[i];
            t.partitions.push_back({static_cast<std::int32_t>(i), log.logStartOffset(),
                log.logEndOffset(), log.sizeBytes(), log.segmentCount()});
        }
        s.topics.push_back(std::move(t));
    }
    addGroupsToSnapshot(state.groups, state.topics, s);
    for (const auto &[id, c] : state.connections) {
        s.connections.push_back({id, c.peer, c.clientId, c.requests});
    }
    for (const ApiSpec *spec : apiTable()) {
        const auto n = state.requestCounts[static_cast<std::size_t>(spec->key)];
        if (n > 0) {
            s.requestCounts[spec->name] = n;
        }
    }
    return s;
}

} // namespace chippy::broker
