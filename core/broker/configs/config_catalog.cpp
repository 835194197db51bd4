#include "config_catalog.h"

#include "configs/topic_config_defs.h"
#include "log/topic_config.h"
#include "log/topic_registry.h"

#include <algorithm>

namespace chippy::broker {
namespace {

// A broker setting, computed from a BrokerConfig so that its built-in default can be told
// apart from a value given on the command line.
struct BrokerSetting
{
    std::string name;
    std::optional<std::string> value;
    ConfigType type;
    std::string documentation;
};

std::string boolText(bool b)
{
    return b ? "true" : "false";
}

std::vector<BrokerSetting> brokerSettings(
    const BrokerConfig &c, const std::string &advertisedHost, std::uint16_t advertisedPort)
{
    const std::uint16_t boundPort
        = c.listenPort != 0 ? c.listenPort : (c.advertisedPort == 0 ? advertisedPort : 0);
    std::vector<BrokerSetting> settings {
        {"broker.id", std::to_string(c.nodeId), ConfigType::Int, "The id of this broker."},
        {"node.id", std::to_string(c.nodeId), ConfigType::Int,
            "The id of this broker, which metadata also names as the controller."},
        {"listeners", "PLAINTEXT://" + c.listenHost + ":" + std::to_string(boundPort),
            ConfigType::List, "The address the broker listens on; port 0 asks for a free port."},
        {"advertised.listeners",
            "PLAINTEXT://" + advertisedHost + ":" + std::to_string(advertisedPort),
            ConfigType::List, "The address clients are told to connect to."},
        {"log.dirs",
            c.persistent() ? std::optional(c.dataDir.string()) : std::optional<std::string>(),
            ConfigType::String, "Where partition logs are stored; unset keeps them in memory."},
        {"num.partitions", std::to_string(c.defaultPartitions), ConfigType::Int,
            "The partition count of topics created without one."},
        {"default.replication.factor", "1", ConfigType::Int,
            "Every partition has exactly one replica on this single-broker cluster."},
        {"offsets.topic.replication.factor", "1", ConfigType::Short,
            "Committed offsets are kept by this broker alone."},
        {"auto.create.topics.enable", boolText(c.autoCreateTopics), ConfigType::Boolean,
            "Whether producing to or asking metadata for an unknown topic creates it."},
        {"delete.topic.enable", "true", ConfigType::Boolean, "Topics can be deleted."},
        {"log.retention.check.interval.ms", std::to_string(c.retentionCheckIntervalMs),
            ConfigType::Long, "How often retention looks for segments to delete."},
        {"socket.request.max.bytes", std::to_string(c.maxRequestBytes), ConfigType::Int,
            "The largest request the broker reads; a larger one closes the connection."},
        {"group.initial.rebalance.delay.ms", std::to_string(c.groupInitialRebalanceDelayMs),
            ConfigType::Int,
            "How long a new group waits for more members before its first "
            "rebalance."},
        {"group.min.session.timeout.ms", std::to_string(c.groupMinSessionTimeoutMs),
            ConfigType::Int, "The shortest session timeout a consumer may ask for."},
        {"group.max.session.timeout.ms", std::to_string(c.groupMaxSessionTimeoutMs),
            ConfigType::Int, "The longest session timeout a consumer may ask for."},
    };
    // The broker-wide defaults of the topic configs, under their broker names.
    for (const auto &entry : topicConfigEntries(c)) {
        const auto *def = findTopicConfigDef(entry.name);
        if (def->brokerName.empty()) {
            continue;
        }
        const auto same = [&](const BrokerSetting &s) { return s.name == def->brokerName; };
        if (std::none_of(settings.begin(), settings.end(), same)) {
            settings.push_back({std::string(def->brokerName), entry.defaultValue, def->type,
                "Default for topics: " + std::string(def->documentation)});
        }
    }
    std::sort(settings.begin(), settings.end(),
        [](const auto &a, const auto &b) { return a.name < b.name; });
    return settings;
}

} // namespace

std::vector<DescribedConfig> describeTopicConfigs(const Topic &topic, const BrokerConfig &broker)
{
    const auto builtIn = topicConfigEntries(BrokerConfig {});
    const auto inEffect = topicConfigEntries(broker);
    std::vector<DescribedConfig> result;
    for (std::size_t i = 0; i < inEffect.size(); ++i) {
        const auto &entry = inEffect[i];
        const auto *def = findTopicConfigDef(entry.name);
        DescribedConfig d;
        d.name = entry.name;
        d.type = def->type;
        d.documentation = def->documentation;
        d.value = entry.defaultValue;
        d.source = ConfigSource::DefaultConfig;
        if (const auto it = topic.config.overrides.find(entry.name);
            it != topic.config.overrides.end()) {
            d.value = canonicalTopicConfig(it->first, it->second);
            d.source = ConfigSource::TopicConfig;
            d.synonyms.push_back({entry.name, d.value, ConfigSource::TopicConfig});
        }
        // Like Kafka, a config without a broker-wide setting has no further synonyms.
        if (!def->brokerName.empty()) {
            const std::string brokerName(def->brokerName);
            if (entry.defaultValue != builtIn[i].defaultValue) {
                d.synonyms.push_back(
                    {brokerName, entry.defaultValue, ConfigSource::StaticBrokerConfig});
            }
            d.synonyms.push_back(
                {brokerName, builtIn[i].defaultValue, ConfigSource::DefaultConfig});
            d.value = d.synonyms.front().value;
            d.source = d.synonyms.front().source;
        }
        result.push_back(std::move(d));
    }
    return result;
}

std::vector<DescribedConfig> describeBrokerConfigs(
    const BrokerConfig &broker, const std::string &advertisedHost, std::uint16_t advertisedPort)
{
    const BrokerConfig builtInConfig;
    const auto builtIn = brokerSettings(builtInConfig, builtInConfig.listenHost, 0);
    std::vector<DescribedConfig> result;
    for (auto &s : brokerSettings(broker, advertisedHost, advertisedPort)) {
        DescribedConfig d;
        d.name = s.name;
        d.type = s.type;
        d.readOnly = true;
        d.documentation = std::move(s.documentation);
        const auto def = std::find_if(
            builtIn.begin(), builtIn.end(), [&](const auto &b) { return b.name == s.name; });
        if (def == builtIn.end() || def->value != s.value) {
            d.synonyms.push_back({s.name, s.value, ConfigSource::StaticBrokerConfig});
        }
        if (def != builtIn.end()) {
            d.synonyms.push_back({s.name, def->value, ConfigSource::DefaultConfig});
        }
        d.value = d.synonyms.front().value;
        d.source = d.synonyms.front().source;
        result.push_back(std::move(d));
    }
    return result;
}

} // namespace chippy::broker
