#pragma once

#include "big_endian.h"
#include "sparse_index.h"

#include <algorithm>
#include <cstdint>

namespace chippy::broker {

// Where a batch starts: its base offset relative to the segment, and its byte position.
struct OffsetIndexEntry
{
    static constexpr std::size_t kSize = 8;

    std::uint32_t relativeOffset = 0;
    std::uint32_t position = 0;

    void encode(std::uint8_t *p) const
    {
        big_endian::put(p, relativeOffset);
        big_endian::put(p + 4, position);
    }
    static OffsetIndexEntry decode(const std::uint8_t *p)
    {
        return {big_endian::get<std::uint32_t>(p), big_endian::get<std::uint32_t>(p + 4)};
    }
    bool operator==(const OffsetIndexEntry &) const = default;
};

// The sparse offset index of a segment (".index"): one entry every few KiB of batches.
class OffsetIndex : public SparseIndex<OffsetIndexEntry>
{
public:
    // The position of the last indexed batch starting at or before relativeOffset; scanning
    // on from there finds the batch holding it.
    std::uint64_t startPositionFor(std::uint32_t relativeOffset) const
    {
        const auto &e = entries();
        auto it = std::upper_bound(e.begin(), e.end(), relativeOffset,
            [](std::uint32_t o, const OffsetIndexEntry &x) { return o < x.relativeOffset; });
        return it == e.begin() ? 0 : std::prev(it)->position;
    }
};

} // namespace chippy::broker
