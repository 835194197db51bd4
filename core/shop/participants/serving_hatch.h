#pragma once

#include "shop/events/order_number_set.h"

#include <QMutex>

namespace chippy::shop {

// Where counters hand food over. A customer collects an order once: Kafka delivers at least
// once, so a redelivered order reaches some counter again and must be recognised by number.
// Shared by every counter, whichever partition the duplicate arrives on.
class ServingHatch
{
public:
    // True the first time an order is handed over, false for every repeat.
    bool handOver(qint64 order)
    {
        QMutexLocker lock(&m_mutex);
        return m_handed.insert(order);
    }

private:
    QMutex m_mutex;
    OrderNumberSet m_handed;
};

} // namespace chippy::shop
