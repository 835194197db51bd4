#include "topic_config.h"

#include <charconv>

namespace chippy::broker {

std::vector<TopicConfigEntry> topicConfigEntries(const BrokerConfig &c)
{
    return {
        {"cleanup.policy", "delete", false},
        {"compression.type", "producer", false},
        {"max.message.bytes", std::to_string(c.maxMessageBytes), true},
        {"message.timestamp.type", "CreateTime", false},
        {"min.insync.replicas", "1", true},
        {"retention.bytes", std::to_string(c.retentionBytes), true},
        {"retention.ms", std::to_string(c.retentionMs), true},
        {"segment.bytes", std::to_string(c.segmentBytes), true},
    };
}

namespace {

std::optional<std::int64_t> parseNumber(const std::string &s)
{
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) {
        return std::nullopt;
    }
    return v;
}

} // namespace

std::optional<std::string> validateTopicConfig(const std::string &name, const std::string &value)
{
    static const BrokerConfig defaults;
    for (const auto &e : topicConfigEntries(defaults)) {
        if (e.name != name) {
            continue;
        }
        if (e.numeric) {
            const auto v = parseNumber(value);
            if (!v) {
                return "config " + name + " must be a whole number, not '" + value + "'";
            }
            if (name == "segment.bytes" && *v < 1024) {
                return "segment.bytes must be at least 1024";
            }
            if ((name == "retention.ms" || name == "retention.bytes") && *v < -1) {
                return name + " must be -1 or more";
            }
        }
        if (name == "cleanup.policy" && value != "delete") {
            return "cleanup.policy '" + value + "' is not supported (only delete)";
        }
        return std::nullopt;
    }
    return "unknown topic config " + name;
}

std::int64_t TopicConfig::number(const std::string &key, std::int64_t fallback) const
{
    const auto it = overrides.find(key);
    if (it == overrides.end()) {
        return fallback;
    }
    return parseNumber(it->second).value_or(fallback);
}

} // namespace chippy::broker
