#pragma once

#include "group.h"

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace chippy::broker {

// Committed offsets on disk: an append-only file of checksummed records, replayed on start
// (the last record of a group and partition wins, a removal included) and rewritten with only the
// live records when it grows. A torn record at the tail, as a crash mid-write leaves it, is cut
// off.
class OffsetLog
{
public:
    struct Record
    {
        std::string groupId;
        std::string protocolType;
        std::string topic;
        std::int32_t partition = 0;
        CommittedOffset committed;
        bool removed = false; // the offset was forgotten (its topic was deleted)
    };

    // Opens or creates the file and reads every intact record; throws std::runtime_error
    // when the file cannot be used.
    explicit OffsetLog(std::filesystem::path file);
    ~OffsetLog();
    OffsetLog(const OffsetLog &) = delete;
    OffsetLog &operator=(const OffsetLog &) = delete;

    // The records found on start, oldest first; the caller takes them once.
    std::vector<Record> takeRecovered() { return std::move(m_recovered); }

    // False when the records could not be written; nothing is then counted as stored.
    bool append(std::span<const Record> records);
    // Replaces the file's contents with these records, atomically.
    bool rewrite(std::span<const Record> live);

    std::size_t recordCount() const { return m_recordCount; }
    std::uint64_t sizeBytes() const { return m_sizeBytes; }
    const std::filesystem::path &path() const { return m_path; }

private:
    void recover();
    void openForAppend();

    std::filesystem::path m_path;
    int m_fd = -1;
    std::vector<Record> m_recovered;
    std::size_t m_recordCount = 0;
    std::uint64_t m_sizeBytes = 0;
};

} // namespace chippy::broker
