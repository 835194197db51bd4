#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chippy::broker {

// The embedded "consumer" protocol that Kafka consumers put in JoinGroup metadata and
// SyncGroup assignments. The broker only reads it, to know topics and owners.
struct ConsumerSubscription
{
    std::vector<std::string> topics;
};

using ConsumerAssignment = std::map<std::string, std::vector<std::int32_t>>;

// Both return nullopt for bytes that are not a readable consumer protocol message.
std::optional<ConsumerSubscription> decodeSubscription(std::span<const std::uint8_t> metadata);
std::optional<ConsumerAssignment> decodeAssignment(std::span<const std::uint8_t> assignment);

} // namespace chippy::broker
