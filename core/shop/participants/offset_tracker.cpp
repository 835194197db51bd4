#include "shop/participants/offset_tracker.h"

namespace chippy::shop {

void OffsetTracker::taken(const kafka::TopicPartition &partition, qint64 offset)
{
    Progress &p = m_partitions[partition];
    p.pending.insert(offset);
    p.next = std::max(p.next, offset + 1);
}

std::optional<qint64> OffsetTracker::done(const kafka::TopicPartition &partition, qint64 offset)
{
    const auto it = m_partitions.find(partition);
    if (it == m_partitions.end() || it->second.pending.erase(offset) == 0) {
        // A partition given up in a rebalance: its new owner redoes the work.
        return std::nullopt;
    }
    const Progress &p = it->second;
    return p.pending.empty() ? p.next : *p.pending.begin();
}

void OffsetTracker::forget(const kafka::TopicPartition &partition)
{
    m_partitions.erase(partition);
}

qsizetype OffsetTracker::pending() const
{
    qsizetype n = 0;
    for (const auto &[partition, progress] : m_partitions) {
        n += static_cast<qsizetype>(progress.pending.size());
    }
    return n;
}

} // namespace chippy::shop
