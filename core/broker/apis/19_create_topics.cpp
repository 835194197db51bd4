#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "configs/config_catalog.h"
#include "protocol/error_code.h"

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace chippy::broker {
namespace {

constexpr std::int16_t kSingleReplica = 1;
constexpr std::int16_t kBrokerDefault = -1;

struct TopicRequest
{
    std::string name;
    std::int32_t partitions = kBrokerDefault;
    std::int16_t replicationFactor = kBrokerDefault;
    std::map<std::int32_t, std::vector<std::int32_t>> assignments;
    bool assignmentRepeatsAPartition = false;
    std::map<std::string, std::string> configs;
};

struct TopicResult
{
    std::string name;
    TopicId id {};
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
    std::int32_t partitions = -1;
    std::int16_t replicationFactor = -1;
    // Empty for a topic in error, as from Kafka (the field is nullable, but Kafka sends none).
    std::vector<DescribedConfig> configs;
};

TopicRequest readTopic(Reader &body)
{
    TopicRequest t;
    t.name = body.string();
    t.partitions = body.i32();
    t.replicationFactor = body.i16();
    body.forEach([&] {
        const auto index = body.i32();
        std::vector<std::int32_t> brokers;
        body.forEach([&] { brokers.push_back(body.i32()); });
        body.skipTags();
        t.assignmentRepeatsAPartition |= t.assignments.contains(index);
        t.assignments[index] = std::move(brokers);
    });
    body.forEach([&] {
        auto key = body.string();
        auto value = body.nullableString();
        body.skipTags();
        // A null value leaves the config at its default.
        if (value) {
            t.configs[std::move(key)] = std::move(*value);
        }
    });
    body.skipTags();
    return t;
}

TopicResult refuse(const std::string &name, ErrorCode error, std::string message)
{
    TopicResult r;
    r.name = name;
    r.error = error;
    r.message = std::move(message);
    return r;
}

// Refuses placements a single broker cannot give: more than one replica, or partitions
// assigned to other brokers.
std::optional<TopicResult> checkPlacement(const TopicRequest &t, std::int32_t nodeId)
{
    if (t.assignments.empty()) {
        if (t.replicationFactor == kSingleReplica || t.replicationFactor == kBrokerDefault) {
            return std::nullopt;
        }
        if (t.replicationFactor > kSingleReplica) {
            return refuse(t.name, ErrorCode::InvalidReplicationFactor,
                "replication factor " + std::to_string(t.replicationFactor)
                    + " is more than the 1 broker of this cluster can hold");
        }
        return refuse(t.name, ErrorCode::InvalidReplicationFactor,
            "replication factor must be 1, or -1 for the broker default");
    }
    if (t.partitions != kBrokerDefault || t.replicationFactor != kBrokerDefault) {
        return refuse(t.name, ErrorCode::InvalidRequest,
            "give either a partition count and replication factor or a replica assignment, "
            "not both");
    }
    if (t.assignmentRepeatsAPartition) {
        return refuse(t.name, ErrorCode::InvalidReplicaAssignment,
            "the replica assignment lists a partition more than once");
    }
    std::int32_t expected = 0;
    for (const auto &[index, brokers] : t.assignments) {
        if (index != expected++) {
            return refuse(t.name, ErrorCode::InvalidReplicaAssignment,
                "assigned partitions must be numbered from 0 without gaps");
        }
        if (brokers != std::vector<std::int32_t> {nodeId}) {
            return refuse(t.name, ErrorCode::InvalidReplicaAssignment,
                "partition " + std::to_string(index) + " must be assigned to broker "
                    + std::to_string(nodeId) + " alone: it is the only broker of this cluster");
        }
    }
    return std::nullopt;
}

TopicResult createTopic(BrokerState &state, const TopicRequest &t, bool validateOnly)
{
    if (auto refused = checkPlacement(t, state.config.nodeId)) {
        return *refused;
    }
    std::int32_t partitions
        = t.assignments.empty() ? t.partitions : static_cast<std::int32_t>(t.assignments.size());
    if (partitions == kBrokerDefault) {
        partitions = state.config.defaultPartitions;
    }
    const auto created = state.topics.create(t.name, partitions, t.configs, validateOnly);
    if (created.error != ErrorCode::None) {
        return refuse(t.name, created.error, created.message);
    }
    TopicResult r;
    r.name = t.name;
    r.partitions = partitions;
    r.replicationFactor = kSingleReplica;
    if (validateOnly) {
        // Kafka answers with the id the topic would have had.
        r.id = randomTopicId();
        Topic wouldBe;
        wouldBe.name = t.name;
        wouldBe.config.overrides = t.configs;
        r.configs = describeTopicConfigs(wouldBe, state.config);
    } else {
        const Topic *topic = state.topics.find(t.name);
        r.id = topic->id;
        r.configs = describeTopicConfigs(*topic, state.config);
        brokerLog().info("created topic {} with {} partitions", t.name, partitions);
    }
    return r;
}

void writeResult(Writer &w, std::int16_t version, const TopicResult &r)
{
    w.string(r.name);
    if (version >= 7) {
        w.raw(r.id);
    }
    w.i16(code(r.error));
    if (version >= 1) {
        w.nullableString(r.message);
    }
    if (version >= 5) {
        w.i32(r.partitions);
        w.i16(r.replicationFactor);
        w.arrayLength(r.configs.size());
        for (const auto &c : r.configs) {
            w.string(c.name);
            w.nullableString(c.value);
            w.boolean(c.readOnly);
            w.i8(static_cast<std::int8_t>(c.source));
            w.boolean(c.sensitive);
            w.tags();
        }
    }
    w.tags();
}

void handleCreateTopics(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto version = header.apiVersion;
    std::vector<TopicRequest> requests;
    body.forEach([&] { requests.push_back(readTopic(body)); });
    body.i32(); // timeout: topics are created before the answer leaves, so there is no wait
    const bool validateOnly = version >= 1 && body.boolean();
    body.skipTags();

    std::map<std::string, int> mentions;
    for (const auto &t : requests) {
        ++mentions[t.name];
    }
    std::vector<TopicResult> results;
    std::set<std::string> answered;
    for (const auto &t : requests) {
        if (!answered.insert(t.name).second) {
            continue;
        }
        if (mentions[t.name] > 1) {
            results.push_back(refuse(t.name, ErrorCode::InvalidRequest,
                "topic " + t.name + " appears more than once in the request"));
            continue;
        }
        results.push_back(createTopic(state, t, validateOnly));
    }

    Writer w = respond.writer();
    if (version >= 2) {
        w.i32(0); // throttle time
    }
    w.arrayLength(results.size());
    for (const auto &r : results) {
        writeResult(w, version, r);
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kCreateTopicsApi {
    ApiKey::CreateTopics, "CreateTopics", 0, 7, 5, &handleCreateTopics};

} // namespace chippy::broker
