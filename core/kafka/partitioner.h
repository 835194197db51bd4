#pragma once

#include <QByteArray>

namespace chippy::kafka {

// The partition the producers put a keyed record in: librdkafka's murmur2 partitioner, the
// same mapping as the Java client's default, so views can draw where a key goes.
int partitionForKey(const QByteArray &key, int partitionCount);

} // namespace chippy::kafka
