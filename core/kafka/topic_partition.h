#pragma once

#include <QList>
#include <QString>

#include <compare>

namespace chippy::kafka {

// One partition of one topic; ordered so it can key a map.
struct TopicPartition
{
    QString topic;
    int partition = -1;

    friend bool operator==(const TopicPartition &, const TopicPartition &) = default;
    friend bool operator<(const TopicPartition &a, const TopicPartition &b)
    {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    }
};

// A partition with a position in it (next offset to read, or a librdkafka logical offset).
struct TopicPartitionOffset
{
    QString topic;
    int partition = -1;
    qint64 offset = -1;

    friend bool operator==(const TopicPartitionOffset &, const TopicPartitionOffset &) = default;
};

} // namespace chippy::kafka
