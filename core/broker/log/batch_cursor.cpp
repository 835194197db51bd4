#include "batch_cursor.h"

#include <algorithm>

namespace chippy::broker {

BatchCursor::BatchCursor(const SegmentStore &store, std::uint64_t position, std::size_t readAhead)
    : m_store(store)
    , m_position(position)
    , m_end(store.size())
    , m_readAhead(readAhead)
{ }

std::span<const std::uint8_t> BatchCursor::window(std::uint64_t position, std::size_t length)
{
    if (position < m_chunkStart || position + length > m_chunkStart + m_chunk.size()) {
        const auto take = std::min<std::uint64_t>(std::max(length, m_readAhead), m_end - position);
        m_chunk = m_store.view(position, static_cast<std::size_t>(take), m_scratch);
        m_chunkStart = position;
    }
    return m_chunk.subspan(static_cast<std::size_t>(position - m_chunkStart), length);
}

bool BatchCursor::next()
{
    if (m_onBatch) {
        m_position += m_header.totalSize();
    }
    m_onBatch = false;
    if (m_position + RecordBatchHeader::kSize > m_end) {
        return false;
    }
    const auto bytes = window(m_position, RecordBatchHeader::kSize);
    m_header = RecordBatchHeader::parse(bytes);
    constexpr auto kMinLength
        = static_cast<std::int32_t>(RecordBatchHeader::kSize - RecordBatchHeader::kLogOverhead);
    if (m_header.magic != 2 || m_header.batchLength < kMinLength || !m_header.offsetsInRange()
        || m_position + m_header.totalSize() > m_end) {
        return false;
    }
    m_onBatch = true;
    return true;
}

std::span<const std::uint8_t> BatchCursor::batch()
{
    return window(m_position, m_header.totalSize());
}

} // namespace chippy::broker
