#include "partition_log.h"

#include "protocol/record_batch.h"

#include <algorithm>
#include <chrono>
#include <cstring>

namespace chippy::broker {

std::int64_t PartitionLog::Segment::maxTimestamp() const
{
    std::int64_t ts = -1;
    for (const auto &b : batches) {
        ts = std::max(ts, b.maxTimestamp);
    }
    return ts;
}

namespace {

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

PartitionLog::PartitionLog(Options options)
    : m_options(std::move(options))
{ }

PartitionLog::~PartitionLog() = default;

PartitionLog::Segment &PartitionLog::activeSegment(std::size_t incoming)
{
    if (m_segments.empty()
        || (static_cast<std::int64_t>(m_segments.back().data.size() + incoming)
                > m_options.segmentBytes
            && !m_segments.back().batches.empty())) {
        Segment s;
        s.baseOffset = m_logEndOffset;
        s.createdMs = nowMs();
        m_segments.push_back(std::move(s));
    }
    return m_segments.back();
}

std::int64_t PartitionLog::append(std::span<std::uint8_t> batch)
{
    const std::int64_t base = m_logEndOffset;
    rewriteBaseOffset(batch, base);
    const auto h = RecordBatchHeader::parse(batch);
    Segment &seg = activeSegment(batch.size());
    seg.batches.push_back({base, h.lastOffset(), h.maxTimestamp, seg.data.size(),
        static_cast<std::uint32_t>(batch.size())});
    seg.data.insert(seg.data.end(), batch.begin(), batch.end());
    m_logEndOffset = h.lastOffset() + 1;
    m_sizeBytes += static_cast<std::int64_t>(batch.size());
    return base;
}

void PartitionLog::read(std::int64_t offset, std::int64_t maxBytes, std::vector<std::uint8_t> &out,
    bool allowOversized) const
{
    if (offset >= m_logEndOffset) {
        return;
    }
    auto segIt = std::upper_bound(m_segments.begin(), m_segments.end(), offset,
        [](std::int64_t o, const Segment &s) { return o < s.baseOffset; });
    if (segIt != m_segments.begin()) {
        --segIt;
    }
    std::int64_t taken = 0;
    bool first = allowOversized;
    for (; segIt != m_segments.end(); ++segIt) {
        auto it = std::lower_bound(segIt->batches.begin(), segIt->batches.end(), offset,
            [](const BatchIndexEntry &b, std::int64_t o) { return b.lastOffset < o; });
        for (; it != segIt->batches.end(); ++it) {
            if (!first && taken + it->size > maxBytes) {
                return;
            }
            const auto *p = segIt->data.data() + it->position;
            out.insert(out.end(), p, p + it->size);
            taken += it->size;
            first = false;
        }
    }
}

std::optional<PartitionLog::TimestampedOffset> PartitionLog::offsetForTimestamp(
    std::int64_t timestamp) const
{
    for (const auto &seg : m_segments) {
        for (const auto &b : seg.batches) {
            if (b.maxTimestamp >= timestamp && b.lastOffset >= m_logStartOffset) {
                return TimestampedOffset {std::max(b.baseOffset, m_logStartOffset), b.maxTimestamp};
            }
        }
    }
    return std::nullopt;
}

void PartitionLog::dropOldestSegment()
{
    m_sizeBytes -= static_cast<std::int64_t>(m_segments.front().data.size());
    m_segments.pop_front();
    m_logStartOffset = std::max(m_logStartOffset, m_segments.front().baseOffset);
}

void PartitionLog::truncateBefore(std::int64_t offset)
{
    offset = std::min(offset, m_logEndOffset);
    if (offset <= m_logStartOffset) {
        return;
    }
    m_logStartOffset = offset;
    while (m_segments.size() > 1 && m_segments[1].baseOffset <= offset) {
        dropOldestSegment();
    }
}

std::int64_t PartitionLog::enforceRetention(
    std::int64_t now, std::int64_t retentionMs, std::int64_t retentionBytes)
{
    std::int64_t removed = 0;
    while (m_segments.size() > 1) {
        const Segment &oldest = m_segments.front();
        const bool tooOld = retentionMs >= 0 && oldest.maxTimestamp() >= 0
            && now - oldest.maxTimestamp() > retentionMs;
        const bool tooBig = retentionBytes >= 0
            && m_sizeBytes - static_cast<std::int64_t>(oldest.data.size()) >= retentionBytes;
        if (!tooOld && !tooBig) {
            break;
        }
        removed += static_cast<std::int64_t>(oldest.data.size());
        dropOldestSegment();
    }
    return removed;
}

void PartitionLog::destroy()
{
    m_segments.clear();
    m_sizeBytes = 0;
}

} // namespace chippy::broker
