#pragma once

#include "broker_config.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chippy::broker {

// A topic config DescribeConfigs lists, with the value a topic without an override has.
struct TopicConfigEntry
{
    std::string name;
    std::string defaultValue;
};

// Every topic config Kafka describes, in name order.
std::vector<TopicConfigEntry> topicConfigEntries(const BrokerConfig &config);

// Checks a proposed override the way Kafka does; returns Kafka's refusal message, or nothing
// when it is acceptable.
std::optional<std::string> validateTopicConfig(const std::string &name, const std::string &value);

// An accepted override as Kafka would describe it: trimmed and in its type's own spelling.
std::string canonicalTopicConfig(const std::string &name, const std::string &value);

// A topic's overrides on top of the broker defaults.
class TopicConfig
{
public:
    std::map<std::string, std::string> overrides;

    // An empty cleanup.policy keeps records for ever, whatever the retention settings say.
    std::int64_t retentionMs(const BrokerConfig &c) const
    {
        return keepsForever() ? -1 : number("retention.ms", c.retentionMs);
    }
    std::int64_t retentionBytes(const BrokerConfig &c) const
    {
        return keepsForever() ? -1 : number("retention.bytes", c.retentionBytes);
    }
    // Kafka's internal.segment.bytes, for tests, wins over segment.bytes.
    std::int64_t segmentBytes(const BrokerConfig &c) const
    {
        return number("internal.segment.bytes", number("segment.bytes", c.segmentBytes));
    }
    std::int64_t maxMessageBytes(const BrokerConfig &c) const
    {
        return number("max.message.bytes", c.maxMessageBytes);
    }

private:
    bool keepsForever() const;
    std::int64_t number(const std::string &key, std::int64_t fallback) const;
};

} // namespace chippy::broker
