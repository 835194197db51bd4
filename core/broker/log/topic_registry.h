#pragma once

#include "broker_config.h"
#include "log/partition_log.h"
#include "log/topic_config.h"
#include "log/topic_store.h"
#include "protocol/error_code.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chippy::broker {

struct Topic
{
    std::string name;
    TopicId id {};
    TopicConfig config;
    std::vector<std::unique_ptr<PartitionLog>> partitions;

    PartitionLog *partition(std::int32_t index)
    {
        if (index < 0 || index >= static_cast<std::int32_t>(partitions.size())) {
            return nullptr;
        }
        return partitions[static_cast<std::size_t>(index)].get();
    }
};

// A new random topic id, as Kafka gives every topic it creates.
TopicId randomTopicId();

// All topics of the broker and their partition logs. Lives on the broker thread. With a data
// directory, topics are kept there and the constructor loads what an earlier run left.
class TopicRegistry
{
public:
    struct Result
    {
        ErrorCode error = ErrorCode::None;
        std::string message;
    };

    // Throws std::runtime_error naming the data directory when it cannot be read.
    explicit TopicRegistry(const BrokerConfig &config);

    Topic *find(std::string_view name);
    const std::map<std::string, Topic, std::less<>> &all() const { return m_topics; }

    static std::optional<std::string> invalidNameReason(std::string_view name);

    Result create(const std::string &name, std::int32_t partitions,
        const std::map<std::string, std::string> &configs, bool validateOnly = false);
    Result addPartitions(const std::string &name, std::int32_t newTotal, bool validateOnly = false);
    Result remove(const std::string &name);
    Result alterConfigs(const std::string &name, const std::map<std::string, std::string> &configs,
        bool validateOnly = false);

    // Applies retention to every partition; returns bytes removed.
    std::int64_t enforceRetention(std::int64_t nowMs);

private:
    // A partition log; a new one (fresh) replaces anything left in its directory.
    std::unique_ptr<PartitionLog> openPartition(const Topic &topic, std::int32_t index, bool fresh);
    void load();
    // Writes the topic's metadata; an error result when it cannot.
    Result persist(const Topic &topic);

    const BrokerConfig &m_config;
    std::optional<TopicStore> m_store;
    std::map<std::string, Topic, std::less<>> m_topics;
};

} // namespace chippy::broker
