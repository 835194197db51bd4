#pragma once

// Helpers the fuzz targets share: splitting an input into parts, and giving the batches in a
// buffer a valid CRC so that the fuzzer gets past the check to what lies behind it.
#include "protocol/crc32c.h"
#include "protocol/record_batch.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>
#include <vector>

namespace chippy::fuzz {

inline constexpr std::string_view kPartSeparator = "\xfe\xc4\x1f\xef";

// The input cut at each kPartSeparator; there is always at least one part.
inline std::vector<std::vector<std::uint8_t>> splitParts(
    const std::uint8_t *data, std::size_t size, std::size_t maxParts)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    std::vector<std::vector<std::uint8_t>> parts;
    std::size_t start = 0;
    while (parts.size() < maxParts && start <= input.size()) {
        const auto end = std::min(input.find(kPartSeparator, start), input.size());
        parts.emplace_back(data + start, data + end);
        start = end + kPartSeparator.size();
    }
    return parts;
}

// Rewrites the CRC of every v2 batch header found walking the buffer's batch lengths.
inline void fixCrcs(std::span<std::uint8_t> bytes)
{
    using broker::RecordBatchHeader;
    std::size_t pos = 0;
    while (bytes.size() - pos >= RecordBatchHeader::kSize) {
        const auto h = RecordBatchHeader::parse(bytes.subspan(pos));
        if (h.batchLength < static_cast<std::int32_t>(
                RecordBatchHeader::kSize - RecordBatchHeader::kLogOverhead)
            || h.totalSize() > bytes.size() - pos) {
            return;
        }
        const auto covered = bytes.subspan(pos + RecordBatchHeader::kAttributesOffset,
            h.totalSize() - RecordBatchHeader::kAttributesOffset);
        const std::uint32_t crc = broker::crc32c(covered);
        for (int i = 0; i < 4; ++i) {
            bytes[pos + RecordBatchHeader::kCrcOffset + i]
                = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
        }
        pos += h.totalSize();
    }
}

// Stops the run: a property the target checks does not hold.
[[noreturn]] inline void propertyFailed()
{
    std::abort();
}

} // namespace chippy::fuzz
