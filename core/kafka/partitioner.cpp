#include "kafka/partitioner.h"

#include <librdkafka/rdkafka.h>

namespace chippy::kafka {

int partitionForKey(const QByteArray &key, int partitionCount)
{
    if (partitionCount <= 0) {
        return -1;
    }
    // The murmur2 partitioner only reads the key; it never touches the topic handle.
    return rd_kafka_msg_partitioner_murmur2(nullptr, key.constData(),
        static_cast<size_t>(key.size()), partitionCount, nullptr, nullptr);
}

} // namespace chippy::kafka
