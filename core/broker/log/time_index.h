#pragma once

#include "big_endian.h"
#include "sparse_index.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace chippy::broker {

// "The batch at relativeOffset is the first whose records reach maxTimestamp": every batch
// before it has only older records. Entries rise in both fields.
struct TimeIndexEntry
{
    static constexpr std::size_t kSize = 12;

    std::int64_t maxTimestamp = 0;
    std::uint32_t relativeOffset = 0;

    void encode(std::uint8_t *p) const
    {
        big_endian::put(p, maxTimestamp);
        big_endian::put(p + 8, relativeOffset);
    }
    static TimeIndexEntry decode(const std::uint8_t *p)
    {
        return {big_endian::get<std::int64_t>(p), big_endian::get<std::uint32_t>(p + 8)};
    }
    bool operator==(const TimeIndexEntry &) const = default;
};

// The sparse time index of a segment (".timeindex"); its last entry of a sealed segment
// holds the segment's largest timestamp.
class TimeIndex : public SparseIndex<TimeIndexEntry>
{
public:
    // The batch from which to look for the first record at or after timestamp: the latest
    // one whose records are all older, or nothing (start at the segment's beginning).
    std::optional<std::uint32_t> lastBatchBefore(std::int64_t timestamp) const
    {
        const auto &e = entries();
        auto it = std::lower_bound(e.begin(), e.end(), timestamp,
            [](const TimeIndexEntry &x, std::int64_t t) { return x.maxTimestamp < t; });
        if (it == e.begin()) {
            return std::nullopt;
        }
        return std::prev(it)->relativeOffset;
    }
};

} // namespace chippy::broker
