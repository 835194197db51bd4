#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace chippy::broker {

// The fixed header of a v2 record batch ("magic 2"), as laid out on the wire and on disk.
struct RecordBatchHeader
{
    static constexpr std::size_t kSize = 61;
    static constexpr std::size_t kLogOverhead = 12; // base offset + batch length
    static constexpr std::size_t kCrcOffset = 17;
    static constexpr std::size_t kAttributesOffset = 21;
    // The largest offset a batch may end at, so that lastOffset() + 1 always fits.
    static constexpr std::int64_t kMaxOffset = std::numeric_limits<std::int64_t>::max() - 1;

    std::int64_t baseOffset = 0;
    std::int32_t batchLength = 0;
    std::int32_t partitionLeaderEpoch = 0;
    std::int8_t magic = 0;
    std::uint32_t crc = 0;
    std::int16_t attributes = 0;
    std::int32_t lastOffsetDelta = 0;
    std::int64_t baseTimestamp = 0;
    std::int64_t maxTimestamp = 0;
    std::int64_t producerId = -1;
    std::int16_t producerEpoch = -1;
    std::int32_t baseSequence = -1;
    std::int32_t recordCount = 0;

    // A negative length counts as none, so that a hostile one cannot wrap a position around.
    std::size_t totalSize() const
    {
        return kLogOverhead + static_cast<std::size_t>(std::max<std::int32_t>(batchLength, 0));
    }
    // Clamped to [min, kMaxOffset]: the fields come from the wire or the disk, and what they
    // add up to must never overflow, here or in lastOffset() + 1.
    std::int64_t lastOffset() const
    {
        std::int64_t last = 0;
        if (__builtin_add_overflow(baseOffset, std::int64_t {lastOffsetDelta}, &last)) {
            return lastOffsetDelta > 0 ? kMaxOffset : std::numeric_limits<std::int64_t>::min();
        }
        return std::min(last, kMaxOffset);
    }
    // Whether baseOffset .. lastOffset() are offsets a log can hold (stored batches must be).
    bool offsetsInRange() const
    {
        return baseOffset >= 0 && lastOffsetDelta >= 0
            && baseOffset <= kMaxOffset - lastOffsetDelta;
    }
    bool isTransactional() const { return attributes & 0x10; }
    bool isControl() const { return attributes & 0x20; }
    int compression() const { return attributes & 0x07; }

    // Reads the header at the start of data; requires data.size() >= kSize.
    static RecordBatchHeader parse(std::span<const std::uint8_t> data);
};

// One validated batch inside a produced record set.
struct BatchView
{
    RecordBatchHeader header;
    std::span<const std::uint8_t> bytes; // the whole batch, header included
};

// Splits a produced record set into batches and checks each one: magic 2, sane lengths,
// record count matching the offset delta, and the CRC. On failure returns an empty vector
// and says why in error.
std::vector<BatchView> splitAndValidateBatches(
    std::span<const std::uint8_t> records, std::string &error);

// Overwrites the base offset of a stored batch (the CRC does not cover it).
void rewriteBaseOffset(std::span<std::uint8_t> batch, std::int64_t baseOffset);

// Returns how many whole, CRC-valid batches start the buffer, each holding offsets a log can
// hold (used to cut a torn or corrupt log tail). Where it stops short, why says why.
std::size_t validPrefixLength(std::span<const std::uint8_t> data, std::string *why = nullptr);

} // namespace chippy::broker
