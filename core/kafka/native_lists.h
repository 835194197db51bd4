#pragma once

#include "kafka/topic_partition.h"

#include <librdkafka/rdkafka.h>

#include <memory>

namespace chippy::kafka {

struct PartitionListDeleter
{
    void operator()(rd_kafka_topic_partition_list_t *list) const
    {
        rd_kafka_topic_partition_list_destroy(list);
    }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

inline PartitionList toNative(const QList<TopicPartition> &partitions)
{
    PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
    for (const TopicPartition &tp : partitions) {
        rd_kafka_topic_partition_list_add(list.get(), tp.topic.toUtf8().constData(), tp.partition);
    }
    return list;
}

inline QList<TopicPartition> fromNative(const rd_kafka_topic_partition_list_t *list)
{
    QList<TopicPartition> partitions;
    if (!list) {
        return partitions;
    }
    for (int i = 0; i < list->cnt; ++i) {
        partitions.append({QString::fromUtf8(list->elems[i].topic), list->elems[i].partition});
    }
    return partitions;
}

} // namespace chippy::kafka
