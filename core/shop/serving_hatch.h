#pragma once

#include <QMutex>
#include <QSet>

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
        if (m_handed.contains(order)) {
            return false;
        }
        m_handed.insert(order);
        return true;
    }

private:
    QMutex m_mutex;
    QSet<qint64> m_handed;
};

} // namespace chippy::shop
