#include "shop/queue_mapping.h"

#include "kafka/partitioner.h"

namespace chippy::shop {

QByteArray keyForQueue(int queue)
{
    return QByteArray::number(queue);
}

int partitionForQueue(int queue, int partitionCount)
{
    return kafka::partitionForKey(keyForQueue(queue), partitionCount);
}

} // namespace chippy::shop
