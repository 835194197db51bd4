#include "topic_registry.h"

#include <random>

namespace chippy::broker {
namespace {

constexpr std::size_t kMaxTopicNameLength = 249;
constexpr std::int32_t kMaxPartitions = 10000;

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

} // namespace

TopicRegistry::TopicRegistry(const BrokerConfig &config)
    : m_config(config)
{ }

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

std::unique_ptr<PartitionLog> TopicRegistry::openPartition(const Topic &topic, std::int32_t index)
{
    PartitionLog::Options options;
    options.segmentBytes = topic.config.segmentBytes(m_config);
    if (m_config.persistent()) {
        options.dir = m_config.dataDir / (topic.name + "-" + std::to_string(index));
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
    for (std::int32_t i = 0; i < partitions; ++i) {
        topic.partitions.push_back(openPartition(topic, i));
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
            "topic " + name + " has " + std::to_string(current)
                + " partitions; the count can only go up"};
    }
    if (newTotal > kMaxPartitions) {
        return {ErrorCode::InvalidPartitions,
            "partition count must be at most " + std::to_string(kMaxPartitions)};
    }
    if (validateOnly) {
        return {};
    }
    for (std::int32_t i = current; i < newTotal; ++i) {
        topic->partitions.push_back(openPartition(*topic, i));
    }
    return {};
}

TopicRegistry::Result TopicRegistry::remove(const std::string &name)
{
    const auto it = m_topics.find(name);
    if (it == m_topics.end()) {
        return {ErrorCode::UnknownTopicOrPartition, "topic " + name + " does not exist"};
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
    topic->config.overrides = configs;
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
        for (auto &p : topic.partitions) {
            removed += p->enforceRetention(nowMs, ms, bytes);
        }
    }
    return removed;
}

} // namespace chippy::broker
