#pragma once

#include "configs/topic_config_defs.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chippy::broker {

// A topic config value as Kafka reads it: trimmed, parsed as its type, checked, and printed
// again the way Kafka describes it ("TRUE" becomes "true", " +100" becomes "100").
struct CheckedConfigValue
{
    std::string canonical; // set when accepted
    std::optional<std::string> refusal; // Kafka's "Invalid value V for configuration N: why"
};

CheckedConfigValue checkConfigValue(const TopicConfigDef &def, std::string_view value);

// A whole number the way Java's Long.parseLong reads it, after trimming: an optional sign and
// decimal digits only.
std::optional<std::int64_t> parseConfigLong(std::string_view text);

} // namespace chippy::broker
