#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <span>
#include <vector>

namespace chippy::broker {

// Where each stored batch sits; kept in memory for every segment.
struct BatchIndexEntry
{
    std::int64_t baseOffset;
    std::int64_t lastOffset;
    std::int64_t maxTimestamp;
    std::uint64_t position; // byte position inside its segment
    std::uint32_t size;
};

// The append-only log of one partition: a run of segments holding v2 record batches exactly
// as produced (only the base offset rewritten).
class PartitionLog
{
public:
    struct Options
    {
        std::filesystem::path dir; // empty: in memory only
        std::int64_t segmentBytes = 64LL << 20;
    };

    explicit PartitionLog(Options options);
    ~PartitionLog();
    PartitionLog(const PartitionLog &) = delete;
    PartitionLog &operator=(const PartitionLog &) = delete;

    std::int64_t logStartOffset() const { return m_logStartOffset; }
    std::int64_t logEndOffset() const { return m_logEndOffset; }
    std::int64_t sizeBytes() const { return m_sizeBytes; }
    std::size_t segmentCount() const { return m_segments.size(); }
    void setSegmentBytes(std::int64_t bytes) { m_options.segmentBytes = bytes; }

    // Stores one validated batch at the log end and returns its new base offset.
    std::int64_t append(std::span<std::uint8_t> batch);

    // Appends to out the whole batches from the one holding offset onwards, up to maxBytes.
    // With allowOversized the first batch is included even when larger than maxBytes, so that
    // a large batch still makes progress.
    void read(std::int64_t offset, std::int64_t maxBytes, std::vector<std::uint8_t> &out,
        bool allowOversized) const;

    struct TimestampedOffset
    {
        std::int64_t offset;
        std::int64_t timestamp;
    };
    // The first record with a timestamp at or after timestamp, if any.
    std::optional<TimestampedOffset> offsetForTimestamp(std::int64_t timestamp) const;

    // Moves the log start forward (DeleteRecords); whole segments below it are dropped.
    void truncateBefore(std::int64_t offset);

    // Drops the oldest segments past the time or size limit (-1 disables a limit). The active
    // segment is never dropped. Returns the number of bytes removed.
    std::int64_t enforceRetention(
        std::int64_t nowMs, std::int64_t retentionMs, std::int64_t retentionBytes);

    // Deletes the partition's files (topic deletion).
    void destroy();

private:
    struct Segment
    {
        std::int64_t baseOffset = 0;
        std::int64_t createdMs = 0;
        std::vector<std::uint8_t> data;
        std::vector<BatchIndexEntry> batches;

        std::int64_t maxTimestamp() const;
    };

    Segment &activeSegment(std::size_t incoming);
    void dropOldestSegment();

    Options m_options;
    std::deque<Segment> m_segments;
    std::int64_t m_logStartOffset = 0;
    std::int64_t m_logEndOffset = 0;
    std::int64_t m_sizeBytes = 0;
};

} // namespace chippy::broker
