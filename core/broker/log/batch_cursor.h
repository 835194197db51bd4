#pragma once

#include "protocol/record_batch.h"
#include "segment_store.h"

#include <cstdint>
#include <span>
#include <vector>

namespace chippy::broker {

// Walks the batches of a segment from a batch boundary, reading the store a chunk at a time.
class BatchCursor
{
public:
    static constexpr std::size_t kDefaultReadAhead = 64 << 10;

    // readAhead: how much to read at a time; a lookup that only crosses an index interval
    // reads little, a scan through a segment reads much.
    BatchCursor(const SegmentStore &store, std::uint64_t position,
        std::size_t readAhead = kDefaultReadAhead);

    // Steps onto the next batch (the first call onto the one at the start position). False at
    // the end of the segment, or where the bytes do not hold a whole v2 batch (see atEnd()).
    bool next();
    bool atEnd() const { return m_position == m_end; }

    const RecordBatchHeader &header() const { return m_header; }
    std::uint64_t position() const { return m_position; }
    // The whole current batch, header included.
    std::span<const std::uint8_t> batch();

private:
    std::span<const std::uint8_t> window(std::uint64_t position, std::size_t length);

    const SegmentStore &m_store;
    std::uint64_t m_position;
    std::uint64_t m_end;
    std::size_t m_readAhead;
    bool m_onBatch = false;
    RecordBatchHeader m_header;
    std::vector<std::uint8_t> m_scratch;
    std::span<const std::uint8_t> m_chunk;
    std::uint64_t m_chunkStart = 0;
};

} // namespace chippy::broker
