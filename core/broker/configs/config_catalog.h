#pragma once

#include "broker_config.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace chippy::broker {

struct Topic;

// Where a config value comes from, as DescribeConfigs numbers them.
enum class ConfigSource : std::int8_t {
    Unknown = 0,
    TopicConfig = 1,
    DynamicBrokerConfig = 2,
    DynamicDefaultBrokerConfig = 3,
    StaticBrokerConfig = 4,
    DefaultConfig = 5,
};

// The data type of a config value, as DescribeConfigs v3+ numbers them.
enum class ConfigType : std::int8_t {
    Unknown = 0,
    Boolean = 1,
    String = 2,
    Int = 3,
    Short = 4,
    Long = 5,
    Double = 6,
    List = 7,
    Class = 8,
    Password = 9,
};

// DescribeConfigs resource types.
enum class ConfigResourceType : std::int8_t {
    Unknown = 0,
    Topic = 2,
    Broker = 4,
    BrokerLogger = 8,
};

struct ConfigSynonym
{
    std::string name;
    std::optional<std::string> value;
    ConfigSource source;
};

// One config as DescribeConfigs and CreateTopics report it.
struct DescribedConfig
{
    std::string name;
    std::optional<std::string> value;
    ConfigSource source = ConfigSource::DefaultConfig;
    ConfigType type = ConfigType::String;
    bool readOnly = false;
    bool sensitive = false;
    std::string documentation;
    // Every place the value could come from, the one in effect first (KIP-226).
    std::vector<ConfigSynonym> synonyms;
};

// Every topic config with its value in effect for topic: its override, else the broker's.
std::vector<DescribedConfig> describeTopicConfigs(const Topic &topic, const BrokerConfig &broker);

// The broker's own configs. The broker takes them from its command line, so all are read-only.
std::vector<DescribedConfig> describeBrokerConfigs(
    const BrokerConfig &broker, const std::string &advertisedHost, std::uint16_t advertisedPort);

} // namespace chippy::broker
