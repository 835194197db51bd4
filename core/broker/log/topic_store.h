#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace chippy::broker {

using TopicId = std::array<std::uint8_t, 16>;

// What is kept of a topic besides its partition logs.
struct TopicMetadata
{
    std::string name;
    TopicId id {};
    std::int32_t partitionCount = 0;
    std::map<std::string, std::string> configOverrides;

    std::string serialize() const;
    // Nothing when text is not a complete topic description.
    static std::optional<TopicMetadata> parse(const std::string &text);
};

// Topic metadata files under the data directory ("topics/<name>", each replaced atomically)
// and the layout of the partition directories ("<name>-<partition>"). Both stay within
// NAME_MAX for the longest topic name Kafka allows (249).
class TopicStore
{
public:
    explicit TopicStore(std::filesystem::path dataDir);

    std::filesystem::path partitionDir(const std::string &topic, std::int32_t partition) const;

    // Every readable topic description; unreadable ones are reported and skipped.
    std::vector<TopicMetadata> loadAll() const;
    void save(const TopicMetadata &topic) const;
    // Forgets the topic; its partition directories are the partition logs' to delete.
    void forget(const std::string &topic, std::error_code &ec) const;

private:
    std::filesystem::path metadataPath(const std::string &topic) const;

    std::filesystem::path m_dataDir;
};

} // namespace chippy::broker
