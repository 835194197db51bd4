#pragma once

#include "kafka/topic_partition.h"

#include <map>
#include <optional>
#include <set>

namespace chippy::shop {

// Which records of each input partition are finished, so that the committed offset never
// passes a record whose output is not yet acknowledged. Outputs may be acknowledged out of
// order (they go to different partitions); the safe offset is the oldest unfinished one.
class OffsetTracker
{
public:
    void taken(const kafka::TopicPartition &partition, qint64 offset);
    // Marks a record done; returns the offset now safe to store for its partition, if any.
    std::optional<qint64> done(const kafka::TopicPartition &partition, qint64 offset);
    void forget(const kafka::TopicPartition &partition);
    void clear() { m_partitions.clear(); }
    qsizetype pending() const;

private:
    struct Progress
    {
        std::set<qint64> pending;
        qint64 next = -1; // one past the highest offset taken
    };
    std::map<kafka::TopicPartition, Progress> m_partitions;
};

} // namespace chippy::shop
