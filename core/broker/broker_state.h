#pragma once

#include "broker_config.h"
#include "groups/group_coordinator.h"
#include "log/topic_registry.h"
#include "producers/producer_recovery.h"
#include "producers/producer_state.h"
#include "server/data_notifier.h"

#include <asio/io_context.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <string>

namespace chippy::broker {

// Per-connection facts for the snapshot.
struct ConnectionStats
{
    std::string peer;
    std::string clientId;
    std::uint64_t requests = 0;
};

// Everything the request handlers work on. Owned by, and only touched on, the broker thread.
class BrokerState
{
public:
    BrokerState(asio::io_context &io, const BrokerConfig &config)
        : io(io)
        , config(config)
        , topics(this->config)
        , dataNotifier(io)
        , groups(io, this->config)
    {
        recoverProducerState(producers, topics);
    }

    asio::io_context &io;
    BrokerConfig config;
    std::string advertisedHost;
    std::uint16_t port = 0;

    TopicRegistry topics;
    DataNotifier dataNotifier;
    ProducerStateTable producers;
    GroupCoordinator groups;

    std::array<std::uint64_t, 128> requestCounts {};
    std::map<std::uint64_t, ConnectionStats> connections;

    // Creates the topic with the default partition count if auto-creation is on.
    Topic *findOrAutoCreate(const std::string &name)
    {
        if (Topic *t = topics.find(name)) {
            return t;
        }
        if (!config.autoCreateTopics) {
            return nullptr;
        }
        topics.create(name, config.defaultPartitions, {});
        return topics.find(name);
    }
};

} // namespace chippy::broker
