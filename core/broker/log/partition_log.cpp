#include "partition_log.h"

#include "protocol/record_batch.h"

#include <algorithm>

namespace chippy::broker {

PartitionLog::PartitionLog(Options options)
    : m_options(std::move(options))
{
    if (m_options.dir.empty()) {
        m_segments.push_back(Segment::create({}, 0, segmentOptions()));
    } else {
        recover();
    }
}

PartitionLog::~PartitionLog() = default;

Segment::Options PartitionLog::segmentOptions() const
{
    return {m_options.indexIntervalBytes, m_options.syncEveryAppend};
}

void PartitionLog::roll()
{
    // The new segment's files first: when they cannot be made, nothing has changed.
    auto next = Segment::create(m_options.dir, m_logEndOffset, segmentOptions());
    m_segments.back()->seal();
    m_segments.push_back(std::move(next));
}

std::int64_t PartitionLog::append(std::span<const std::uint8_t> batch)
{
    const std::int64_t base = m_logEndOffset;
    auto header = RecordBatchHeader::parse(batch);
    header.baseOffset = base;
    header.partitionLeaderEpoch = kLeaderEpoch;
    const Segment &active = *m_segments.back();
    const bool full
        = static_cast<std::int64_t>(active.sizeBytes() + batch.size()) > m_options.segmentBytes
        || !active.canTake(header, batch.size());
    if (full && !active.empty()) {
        roll();
    }
    m_segments.back()->append(batch, header);
    m_logEndOffset = header.lastOffset() + 1;
    m_sizeBytes += static_cast<std::int64_t>(batch.size());
    return base;
}

std::size_t PartitionLog::segmentIndexFor(std::int64_t offset) const
{
    const auto it = std::upper_bound(m_segments.begin(), m_segments.end(), offset,
        [](std::int64_t o, const auto &s) { return o < s->baseOffset(); });
    return it == m_segments.begin() ? 0 : static_cast<std::size_t>(it - m_segments.begin()) - 1;
}

void PartitionLog::read(std::int64_t offset, std::int64_t maxBytes, std::vector<std::uint8_t> &out,
    bool allowOversized) const
{
    if (offset >= m_logEndOffset) {
        return;
    }
    std::int64_t taken = 0;
    for (std::size_t i = segmentIndexFor(offset); i < m_segments.size(); ++i) {
        const Segment &segment = *m_segments[i];
        const auto position = segment.positionOf(std::max(offset, segment.baseOffset()));
        if (!position) {
            continue;
        }
        const auto n = segment.read(*position, maxBytes - taken, out, allowOversized && taken == 0);
        taken += n;
        const bool readToEnd = *position + static_cast<std::uint64_t>(n) == segment.sizeBytes();
        if (!readToEnd || taken >= maxBytes) {
            return;
        }
    }
}

std::optional<PartitionLog::TimestampedOffset> PartitionLog::offsetForTimestamp(
    std::int64_t timestamp) const
{
    for (const auto &segment : m_segments) {
        if (auto found = segment->findTimestamp(timestamp, m_logStartOffset)) {
            return found;
        }
    }
    return std::nullopt;
}

std::optional<PartitionLog::TimestampedOffset> PartitionLog::newestRecord() const
{
    std::optional<TimestampedOffset> best;
    for (const auto &segment : m_segments) {
        // A segment's largest timestamp bounds what it can offer; ties go to the earlier one.
        if (best && segment->maxTimestamp() <= best->timestamp) {
            continue;
        }
        const auto candidate = segment->newestRecord(m_logStartOffset);
        if (candidate && (!best || candidate->timestamp > best->timestamp)) {
            best = candidate;
        }
    }
    return best;
}

void PartitionLog::dropOldestSegment()
{
    m_sizeBytes -= static_cast<std::int64_t>(m_segments.front()->sizeBytes());
    m_segments.front()->destroy();
    m_segments.pop_front();
}

void PartitionLog::truncateBefore(std::int64_t offset)
{
    advanceLogStart(std::min(offset, m_logEndOffset));
}

std::int64_t PartitionLog::enforceRetention(
    std::int64_t now, std::int64_t retentionMs, std::int64_t retentionBytes)
{
    std::int64_t remaining = m_sizeBytes;
    std::size_t expired = 0;
    for (const auto &segment : m_segments) {
        if (segment->empty()) {
            break;
        }
        const auto size = static_cast<std::int64_t>(segment->sizeBytes());
        const bool tooOld = retentionMs >= 0 && now - segment->largestTimestamp() > retentionMs;
        const bool tooBig = retentionBytes >= 0 && remaining - size >= retentionBytes;
        if (!tooOld && !tooBig) {
            break;
        }
        remaining -= size;
        ++expired;
    }
    if (expired == 0) {
        return 0;
    }
    if (expired == m_segments.size()) {
        roll(); // a log always keeps one segment to append to
    }
    const auto before = m_sizeBytes;
    advanceLogStart(m_segments[expired]->baseOffset());
    return before - m_sizeBytes;
}

void PartitionLog::destroy()
{
    for (auto &segment : m_segments) {
        segment->destroy();
    }
    m_segments.clear();
    m_sizeBytes = 0;
    if (!m_options.dir.empty()) {
        std::error_code ignored;
        std::filesystem::remove_all(m_options.dir, ignored);
        m_options.dir.clear();
    }
    m_logStartOffset = m_logEndOffset;
    m_segments.push_back(Segment::create({}, m_logEndOffset, segmentOptions()));
}

} // namespace chippy::broker
