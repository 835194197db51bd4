#include "topic_registry.h"

#include "broker_log.h"

#include <algorithm>
#include <random>
#include <stdexcept>

namespace chippy::broker {
namespace {

constexpr std::size_t kMaxTopicNameLength = 249;
constexpr std::int32_t kMaxPartitions = 10000;

} // namespace

TopicId randomTopicId()
{
    static std::mt19937_64 rng {std::random_device {}()};
    TopicId id;
    for (std::size_t i = 0; i < id.size(); i += 8) {
        const auto v = rng();
        for (std::size_t k = 0; k < 8; ++k) {
            id[i + k] = static_cast<std::uint8_t>(v >> (8 * k));
        }
    }
    return id;
}

TopicRegistry::TopicRegistry(const BrokerConfig &config)
    : m_config(config)
{
    if (m_config.persistent()) {
        m_store.emplace(m_config.dataDir);
        load();
    }
}

void TopicRegistry::load()
{
    try {
        std::filesystem::create_directories(m_config.dataDir);
        for (auto &stored : m_store->loadAll()) {
            if (auto reason = invalidNameReason(stored.name)) {
                brokerLog().error("skipping stored topic '{}': {}", stored.name, *reason);
                continue;
            }
            Topic topic;
            topic.name = stored.name;
            topic.id = stored.id;
            for (const auto &[key, value] : stored.configOverrides) {
                if (auto reason = validateTopicConfig(key, value)) {
                    brokerLog().warn("topic {}: ignoring stored config: {}", topic.name, *reason);
                    continue;
                }
                topic.config.overrides[key] = value;
            }
            const auto count = std::min(stored.partitionCount, kMaxPartitions);
            for (std::int32_t i = 0; i < count; ++i) {
                topic.partitions.push_back(openPartition(topic, i, false));
            }
            m_topics.emplace(stored.name, std::move(topic));
        }
    } catch (const std::exception &e) {
        throw std::runtime_error(
            "cannot open the data directory " + m_config.dataDir.string() + ": " + e.what());
    }
    if (!m_topics.empty()) {
        brokerLog().info("recovered {} topics from {}", m_topics.size(), m_config.dataDir.string());
    }
}

TopicRegistry::Result TopicRegistry::persist(const Topic &topic)
{
    if (!m_store) {
        return {};
    }
    try {
        m_store->save({topic.name, topic.id, static_cast<std::int32_t>(topic.partitions.size()),
            topic.config.overrides});
    } catch (const std::exception &e) {
        return {ErrorCode::UnknownServerError,
            "cannot save topic " + topic.name + ": " + std::string(e.what())};
    }
    return {};
}

Topic *TopicRegistry::find(std::string_view name)
{
    const auto it = m_topics.find(name);
    return it == m_topics.end() ? nullptr : &it->second;
}

std::optional<std::string> TopicRegistry::invalidNameReason(std::string_view name)
{
    if (name.empty()) {
        return "topic name is empty";
    }
    if (name == "." || name == "..") {
        return "topic name cannot be '.' or '..'";
    }
    if (name.size() > kMaxTopicNameLength) {
        return "topic name is longer than 249 characters";
    }
    for (const char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '.' || c == '_' || c == '-';
        if (!ok) {
            return "topic name may contain only ASCII letters, digits, '.', '_' and '-'";
        }
    }
    return std::nullopt;
}

std::unique_ptr<PartitionLog> TopicRegistry::openPartition(
    const Topic &topic, std::int32_t index, bool fresh)
{
    PartitionLog::Options options;
    options.segmentBytes = topic.config.segmentBytes(m_config);
    options.syncEveryAppend = m_config.syncEveryAppend;
    if (m_store) {
        options.dir = m_store->partitionDir(topic.name, index);
        if (fresh) {
            // Left by a deleted topic of the same name: a new partition starts empty.
            std::filesystem::remove_all(options.dir);
        }
    }
    return std::make_unique<PartitionLog>(options);
}

TopicRegistry::Result TopicRegistry::create(const std::string &name, std::int32_t partitions,
    const std::map<std::string, std::string> &configs, bool validateOnly)
{
    if (auto reason = invalidNameReason(name)) {
        return {ErrorCode::InvalidTopicException, *reason};
    }
    if (m_topics.contains(name)) {
        return {ErrorCode::TopicAlreadyExists, "topic " + name + " already exists"};
    }
    if (partitions == -1) {
        partitions = m_config.defaultPartitions;
    }
    if (partitions < 1 || partitions > kMaxPartitions) {
        return {ErrorCode::InvalidPartitions,
            "partition count must be between 1 and " + std::to_string(kMaxPartitions)};
    }
    for (const auto &[key, value] : configs) {
        if (auto reason = validateTopicConfig(key, value)) {
            return {ErrorCode::InvalidConfig, *reason};
        }
    }
    if (validateOnly) {
        return {};
    }
    Topic topic;
    topic.name = name;
    topic.id = randomTopicId();
    topic.config.overrides = configs;
    try {
        for (std::int32_t i = 0; i < partitions; ++i) {
            topic.partitions.push_back(openPartition(topic, i, true));
        }
    } catch (const std::exception &e) {
        for (auto &p : topic.partitions) {
            p->destroy();
        }
        return {ErrorCode::UnknownServerError,
            "cannot create the log of topic " + name + ": " + std::string(e.what())};
    }
    if (auto saved = persist(topic); saved.error != ErrorCode::None) {
        for (auto &p : topic.partitions) {
            p->destroy();
        }
        return saved;
    }
    m_topics.emplace(name, std::move(topic));
    return {};
}

TopicRegistry::Result TopicRegistry::addPartitions(
    const std::string &name, std::int32_t newTotal, bool validateOnly)
{
    Topic *topic = find(name);
    if (!topic) {
        return {ErrorCode::UnknownTopicOrPartition, "topic " + name + " does not exist"};
    }
    const auto current = static_cast<std::int32_t>(topic->partitions.size());
    if (newTotal <= current) {
        return {ErrorCode::InvalidPartitions,
            "topic " + name + " has " + std::to_string(current) + " partitions and "
                + std::to_string(newTotal) + " were asked for: partition count can only go up"};
    }
    if (newTotal > kMaxPartitions) {
        return {ErrorCode::InvalidPartitions,
            "partition count must be at most " + std::to_string(kMaxPartitions)};
    }
    if (validateOnly) {
        return {};
    }
    Result result;
    try {
        for (std::int32_t i = current; i < newTotal; ++i) {
            topic->partitions.push_back(openPartition(*topic, i, true));
        }
        result = persist(*topic);
    } catch (const std::exception &e) {
        result = {ErrorCode::UnknownServerError,
            "cannot create the partition logs of " + name + ": " + std::string(e.what())};
    }
    if (result.error != ErrorCode::None) {
        while (static_cast<std::int32_t>(topic->partitions.size()) > current) {
            topic->partitions.back()->destroy();
            topic->partitions.pop_back();
        }
    }
    return result;
}

TopicRegistry::Result TopicRegistry::remove(const std::string &name)
{
    const auto it = m_topics.find(name);
    if (it == m_topics.end()) {
        return {ErrorCode::UnknownTopicOrPartition, "topic " + name + " does not exist"};
    }
    if (m_store) {
        // The description goes first: a crash halfway leaves only files that nothing loads.
        std::error_code ec;
        m_store->forget(name, ec);
        if (ec) {
            return {
                ErrorCode::UnknownServerError, "cannot delete topic " + name + ": " + ec.message()};
        }
    }
    for (auto &p : it->second.partitions) {
        p->destroy();
    }
    m_topics.erase(it);
    return {};
}

TopicRegistry::Result TopicRegistry::alterConfigs(
    const std::string &name, const std::map<std::string, std::string> &configs, bool validateOnly)
{
    Topic *topic = find(name);
    if (!topic) {
        return {ErrorCode::UnknownTopicOrPartition, "topic " + name + " does not exist"};
    }
    for (const auto &[key, value] : configs) {
        if (auto reason = validateTopicConfig(key, value)) {
            return {ErrorCode::InvalidConfig, *reason};
        }
    }
    if (validateOnly) {
        return {};
    }
    auto previous = std::move(topic->config.overrides);
    topic->config.overrides = configs;
    if (auto saved = persist(*topic); saved.error != ErrorCode::None) {
        topic->config.overrides = std::move(previous);
        return saved;
    }
    for (auto &p : topic->partitions) {
        p->setSegmentBytes(topic->config.segmentBytes(m_config));
    }
    return {};
}

std::int64_t TopicRegistry::enforceRetention(std::int64_t nowMs)
{
    std::int64_t removed = 0;
    for (auto &[name, topic] : m_topics) {
        const auto ms = topic.config.retentionMs(m_config);
        const auto bytes = topic.config.retentionBytes(m_config);
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            try {
                removed += topic.partitions[i]->enforceRetention(nowMs, ms, bytes);
            } catch (const std::exception &e) {
                // A full or read-only disk must not stop the broker; the next pass retries.
                brokerLog().error("retention of {}-{} failed: {}", name, i, e.what());
            }
        }
    }
    return removed;
}

} // namespace chippy::broker
