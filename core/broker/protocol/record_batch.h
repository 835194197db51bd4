#pragma once

#include <cstdint>
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

    std::size_t totalSize() const { return kLogOverhead + static_cast<std::size_t>(batchLength); }
    std::int64_t lastOffset() const { return baseOffset + lastOffsetDelta; }
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

// Returns how many whole, CRC-valid batches start the buffer (used to cut a torn log tail).
std::size_t validPrefixLength(std::span<const std::uint8_t> data);

} // namespace chippy::broker
