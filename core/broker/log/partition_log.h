#pragma once

#include "batch_records.h"
#include "segment.h"

#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace chippy::broker {

// The append-only log of one partition: a run of segments holding v2 record batches exactly
// as produced (only the base offset rewritten), in segment files under Options.dir or in
// memory. A file-backed log recovers what its directory holds when it is opened.
class PartitionLog
{
public:
    struct Options
    {
        std::filesystem::path dir; // empty: in memory only
        std::int64_t segmentBytes = 64LL << 20;
        std::uint32_t indexIntervalBytes = 4096;
        // fdatasync every append: survives power loss, not only a crash of the process.
        bool syncEveryAppend = false;
    };

    // The leader epoch written into every appended batch: a single node leads from epoch 0,
    // as a fresh Apache Kafka partition does.
    static constexpr std::int32_t kLeaderEpoch = 0;

    explicit PartitionLog(Options options);
    ~PartitionLog();
    PartitionLog(const PartitionLog &) = delete;
    PartitionLog &operator=(const PartitionLog &) = delete;

    std::int64_t logStartOffset() const { return m_logStartOffset; }
    std::int64_t logEndOffset() const { return m_logEndOffset; }
    std::int64_t sizeBytes() const { return m_sizeBytes; }
    std::size_t segmentCount() const { return m_segments.size(); }
    void setSegmentBytes(std::int64_t bytes) { m_options.segmentBytes = bytes; }

    // Stores one validated batch at the log end, stamped with its new base offset and
    // kLeaderEpoch, and returns that base offset. The batch is written to the segment file before
    // this returns. Throws std::system_error when the write fails; the log is then unchanged.
    std::int64_t append(std::span<const std::uint8_t> batch);

    // Appends to out the whole batches from the one holding offset onwards, up to maxBytes.
    // With allowOversized the first batch is included even when larger than maxBytes, so that
    // a large batch still makes progress.
    void read(std::int64_t offset, std::int64_t maxBytes, std::vector<std::uint8_t> &out,
        bool allowOversized) const;

    using TimestampedOffset = chippy::broker::TimestampedOffset;
    // The first record with a timestamp at or after timestamp, if any (to the record for
    // uncompressed batches, to the batch for compressed ones).
    std::optional<TimestampedOffset> offsetForTimestamp(std::int64_t timestamp) const;
    // The first record carrying the largest timestamp in the log, if any.
    std::optional<TimestampedOffset> newestRecord() const;

    // Moves the log start forward (DeleteRecords); whole segments below it are dropped.
    void truncateBefore(std::int64_t offset);

    // Drops the oldest segments whose records are all older than retentionMs, or while the
    // log without them still holds retentionBytes (-1 disables a limit), like Kafka: the
    // active segment goes too when it qualifies, leaving an empty one. Returns bytes removed.
    std::int64_t enforceRetention(
        std::int64_t nowMs, std::int64_t retentionMs, std::int64_t retentionBytes);

    // Deletes the partition's files (topic deletion); the log is empty afterwards.
    void destroy();

private:
    Segment::Options segmentOptions() const;
    void recover();
    void roll();
    // Moves the log start forward to offset (persisted), dropping the segments below it.
    void advanceLogStart(std::int64_t offset);
    void dropSegmentsBelowLogStart();
    void dropOldestSegment();
    std::size_t segmentIndexFor(std::int64_t offset) const;

    Options m_options;
    std::deque<std::unique_ptr<Segment>> m_segments;
    std::int64_t m_logStartOffset = 0;
    std::int64_t m_logEndOffset = 0;
    std::int64_t m_sizeBytes = 0;
};

} // namespace chippy::broker
