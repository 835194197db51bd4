#pragma once

#include "batch_records.h"
#include "offset_index.h"
#include "protocol/record_batch.h"
#include "segment_store.h"
#include "time_index.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chippy::broker {

// One segment of a partition log: batches stored back to back from baseOffset, in
// "<20-digit base offset>.log" with its sparse ".index" and ".timeindex", or in memory.
class Segment
{
public:
    struct Options
    {
        std::uint32_t indexIntervalBytes = 4096;
        bool syncEveryAppend = false;
    };

    // A new empty segment, its files in dir (replacing any), or in memory when dir is empty.
    static std::unique_ptr<Segment> create(
        const std::filesystem::path &dir, std::int64_t baseOffset, Options options);
    // A segment found in dir. With checkEveryBatch (the newest segment) every batch is
    // validated and a torn or corrupt tail is cut off; otherwise the indexes are trusted after
    // a quick check, and rebuilt by a full scan when they do not match the file.
    static std::unique_ptr<Segment> recover(const std::filesystem::path &dir,
        std::int64_t baseOffset, Options options, bool checkEveryBatch);

    static std::string fileName(std::int64_t baseOffset, std::string_view extension);
    // The base offset a segment file name stands for, if it names a segment log.
    static std::optional<std::int64_t> baseOffsetOf(const std::filesystem::path &logFile);

    ~Segment();
    Segment(const Segment &) = delete;
    Segment &operator=(const Segment &) = delete;

    std::int64_t baseOffset() const { return m_baseOffset; }
    // One past the last stored offset; the base offset while empty.
    std::int64_t nextOffset() const { return m_nextOffset; }
    std::uint64_t sizeBytes() const { return m_store->size(); }
    bool empty() const { return m_store->size() == 0; }
    // The newest record timestamp, -1 when there is none.
    std::int64_t maxTimestamp() const { return m_maxTimestamp; }
    // The newest record timestamp, or the time of the last write when records carry none.
    std::int64_t largestTimestamp() const;
    // False when the batch would overflow the segment's 32-bit relative offsets or positions.
    bool canTake(const RecordBatchHeader &header, std::size_t bytes) const;

    // Stores a batch at header.baseOffset, whatever base offset its bytes carry. Throws
    // std::system_error when it cannot be written (or synced); the segment is then unchanged.
    void append(std::span<const std::uint8_t> batch, const RecordBatchHeader &header);

    // The position of the first batch holding offset or any later one.
    std::optional<std::uint64_t> positionOf(std::int64_t offset) const;
    // Appends to out the whole batches from position, up to maxBytes (with allowOversized,
    // at least the first batch). Returns the number of bytes appended.
    std::int64_t read(std::uint64_t position, std::int64_t maxBytes, std::vector<std::uint8_t> &out,
        bool allowOversized) const;

    std::optional<TimestampedOffset> findTimestamp(
        std::int64_t timestamp, std::int64_t minOffset) const;
    // The first record with the segment's largest timestamp (among offsets >= minOffset).
    std::optional<TimestampedOffset> newestRecord(std::int64_t minOffset) const;

    // No more appends: records the final largest timestamp in the time index.
    void seal();
    // Deletes the segment's files.
    void destroy();

private:
    struct IndexUpdate
    {
        std::optional<OffsetIndexEntry> offset;
        std::optional<TimeIndexEntry> time;
    };

    Segment(std::int64_t baseOffset, Options options);
    void attachFiles(const std::filesystem::path &dir, AppendFile::Mode mode);
    IndexUpdate noteBatch(std::uint64_t position, const RecordBatchHeader &header);
    template<typename Index, typename Entry> void keepIndexEntry(Index &index, const Entry &entry);
    std::uint32_t relative(std::int64_t offset) const
    {
        return static_cast<std::uint32_t>(offset - m_baseOffset);
    }
    bool adoptStoredIndexes(
        const std::vector<OffsetIndexEntry> &offsets, const std::vector<TimeIndexEntry> &times);
    void rebuildIndexes(
        const std::vector<OffsetIndexEntry> &offsets, const std::vector<TimeIndexEntry> &times);

    std::int64_t m_baseOffset;
    Options m_options;
    std::filesystem::path m_logPath;
    std::unique_ptr<SegmentStore> m_store;
    OffsetIndex m_offsetIndex;
    TimeIndex m_timeIndex;
    std::int64_t m_nextOffset;
    std::int64_t m_maxTimestamp = -1;
    std::int64_t m_maxTimestampBatch; // base offset of the first batch reaching it
    std::int64_t m_lastIndexedTimestamp = -1;
    std::uint64_t m_bytesSinceIndexEntry = 0;
    std::int64_t m_lastWriteMs;
};

} // namespace chippy::broker
