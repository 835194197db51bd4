#pragma once

#include <QByteArray>

namespace chippy::shop {

// A till keys its orders by its queue number written as a decimal string.
QByteArray keyForQueue(int queue);

// The ORDER partition a queue's orders go to, computed as the producers do (murmur2), so
// the view can draw the queue -> partition lines before any order is placed.
int partitionForQueue(int queue, int partitionCount);

} // namespace chippy::shop
