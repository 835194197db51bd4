#pragma once

#include "broker_config.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chippy::broker {

// The topic-level settings the broker understands, with their broker-wide defaults.
struct TopicConfigEntry
{
    std::string name;
    std::string defaultValue;
    bool numeric;
};

std::vector<TopicConfigEntry> topicConfigEntries(const BrokerConfig &config);

// Checks a proposed override; returns an error message, or nothing when it is acceptable.
std::optional<std::string> validateTopicConfig(const std::string &name, const std::string &value);

// A topic's overrides on top of the broker defaults.
class TopicConfig
{
public:
    std::map<std::string, std::string> overrides;

    std::int64_t retentionMs(const BrokerConfig &c) const
    {
        return number("retention.ms", c.retentionMs);
    }
    std::int64_t retentionBytes(const BrokerConfig &c) const
    {
        return number("retention.bytes", c.retentionBytes);
    }
    std::int64_t segmentBytes(const BrokerConfig &c) const
    {
        return number("segment.bytes", c.segmentBytes);
    }
    std::int64_t maxMessageBytes(const BrokerConfig &c) const
    {
        return number("max.message.bytes", c.maxMessageBytes);
    }

private:
    std::int64_t number(const std::string &key, std::int64_t fallback) const;
};

} // namespace chippy::broker
