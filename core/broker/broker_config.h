#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace chippy::broker {

// Everything that can be set on the command line or by the embedding application. The
// defaults are Apache Kafka's broker defaults, so that a client behaves as against Kafka.
struct BrokerConfig
{
    static constexpr std::int64_t kWeekMs = 7LL * 24 * 3600 * 1000;
    static constexpr std::int64_t kGiB = 1LL << 30;

    std::string listenHost = "127.0.0.1";
    std::uint16_t listenPort = 0; // 0 picks a free port
    std::string advertisedHost; // empty: the listen host
    std::uint16_t advertisedPort = 0; // 0: the port listened on (set when behind a proxy)
    std::filesystem::path dataDir; // empty: everything stays in memory
    std::int32_t nodeId = 1;
    std::string clusterId = "chippy-embedded-cluster";

    std::int32_t defaultPartitions = 1;
    bool autoCreateTopics = true;
    std::int64_t retentionMs = kWeekMs; // -1: keep forever
    std::int64_t retentionBytes = -1; // per partition; -1: no limit
    std::int64_t segmentBytes = kGiB;
    // fdatasync every append to a partition log: survives power loss, at a cost per write.
    bool syncEveryAppend = false;
    std::int32_t maxRequestBytes = 100 << 20; // socket.request.max.bytes
    std::int32_t maxMessageBytes = 1048588; // message.max.bytes: 1 MiB and a batch header
    std::int64_t retentionCheckIntervalMs = 300000; // log.retention.check.interval.ms
    std::int32_t groupInitialRebalanceDelayMs = 3000;
    std::int32_t groupMinSessionTimeoutMs = 6000;
    std::int32_t groupMaxSessionTimeoutMs = 1800000;
    // Kafka's connections.max.idle.ms: a connection with nothing to read, write or answer
    // for this long is closed. -1: never.
    std::int64_t connectionsMaxIdleMs = 600000;
    // Kafka's max.connections and max.connections.per.ip: a new connection beyond either is
    // refused and logged. -1: no limit.
    std::int32_t maxConnections = INT32_MAX;
    std::int32_t maxConnectionsPerIp = INT32_MAX;
    // SASL/PLAIN users and their passwords. Empty: clients connect without authenticating.
    std::map<std::string, std::string> saslPlainUsers;

    bool persistent() const { return !dataDir.empty(); }
};

} // namespace chippy::broker
