#pragma once

#include "protocol/record_batch.h"

#include <cstdint>
#include <optional>
#include <span>

namespace chippy::broker {

struct TimestampedOffset
{
    std::int64_t offset;
    std::int64_t timestamp;
};

// Answers about the records inside one stored batch. Uncompressed batches are answered record
// by record; for compressed ones (and any whose records do not decode) the answer is the
// batch's: its first offset at or after minOffset, with its largest timestamp.

// The first record at or after minOffset whose timestamp is at or after timestamp.
std::optional<TimestampedOffset> firstRecordAtOrAfter(std::span<const std::uint8_t> batch,
    const RecordBatchHeader &header, std::int64_t timestamp, std::int64_t minOffset);

// The first record at or after minOffset carrying the largest timestamp among them.
std::optional<TimestampedOffset> newestRecord(
    std::span<const std::uint8_t> batch, const RecordBatchHeader &header, std::int64_t minOffset);

} // namespace chippy::broker
