#pragma once

#include "configs/config_catalog.h"

#include <cstdint>
#include <span>
#include <string_view>

namespace chippy::broker {

// How a topic config's value is checked, after it has been parsed as its type.
enum class ValueCheck : std::uint8_t {
    None,
    AtLeast, // min
    Between, // min..max
    AtLeastOrMinusOne, // min..max, or -1 (the compression levels)
    Fraction, // a double from 0 to 1
    OneOf, // one of choices
    CleanupPolicy, // a list of choices, without compact: this broker does not compact
    ThrottledReplicas, // '*' or PARTITION:BROKER pairs
    LocalOnlyStorage, // false only: there is no tiered storage
};

// One topic config as Apache Kafka 4.4 defines it, and what this broker makes of it.
struct TopicConfigDef
{
    std::string_view name;
    ConfigType type;
    // The broker-wide setting that supplies the default; empty when Kafka has none.
    std::string_view brokerName;
    std::string_view kafkaDefault;
    ValueCheck check;
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::string_view choices = {}; // comma-separated, for OneOf and CleanupPolicy
    bool enforced = false; // false: accepted and described, without effect here
    bool hidden = false; // accepted but never described, as Kafka's internal configs
    std::string_view documentation = {};
};

// Every topic config a client may set, in name order.
std::span<const TopicConfigDef> topicConfigDefs();

// nullptr for a name Kafka does not know.
const TopicConfigDef *findTopicConfigDef(std::string_view name);

} // namespace chippy::broker
