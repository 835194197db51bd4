#include "topic_config.h"

#include "configs/config_value.h"
#include "configs/topic_config_defs.h"

namespace chippy::broker {
namespace {

// The topic configs whose default is a broker setting chippy-broker takes from its
// command line; every other default is Kafka's.
std::string defaultValue(const TopicConfigDef &def, const BrokerConfig &c)
{
    if (def.name == "retention.ms") {
        return std::to_string(c.retentionMs);
    }
    if (def.name == "retention.bytes") {
        return std::to_string(c.retentionBytes);
    }
    if (def.name == "segment.bytes") {
        return std::to_string(c.segmentBytes);
    }
    if (def.name == "max.message.bytes") {
        return std::to_string(c.maxMessageBytes);
    }
    return std::string(def.kafkaDefault);
}

} // namespace

std::vector<TopicConfigEntry> topicConfigEntries(const BrokerConfig &c)
{
    std::vector<TopicConfigEntry> entries;
    for (const auto &def : topicConfigDefs()) {
        if (!def.hidden) {
            entries.push_back({std::string(def.name), defaultValue(def, c)});
        }
    }
    return entries;
}

std::optional<std::string> validateTopicConfig(const std::string &name, const std::string &value)
{
    const auto *def = findTopicConfigDef(name);
    if (!def) {
        return "Unknown topic config name: " + name;
    }
    return checkConfigValue(*def, value).refusal;
}

std::string canonicalTopicConfig(const std::string &name, const std::string &value)
{
    const auto *def = findTopicConfigDef(name);
    if (!def) {
        return value;
    }
    auto checked = checkConfigValue(*def, value);
    return checked.refusal ? value : std::move(checked.canonical);
}

bool TopicConfig::keepsForever() const
{
    const auto it = overrides.find("cleanup.policy");
    return it != overrides.end() && canonicalTopicConfig(it->first, it->second).empty();
}

std::int64_t TopicConfig::number(const std::string &key, std::int64_t fallback) const
{
    const auto it = overrides.find(key);
    if (it == overrides.end()) {
        return fallback;
    }
    return parseConfigLong(it->second).value_or(fallback);
}

} // namespace chippy::broker
