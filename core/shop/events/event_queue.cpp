#include "shop/events/event_queue.h"

namespace chippy::shop {

void ShopEventQueue::push(ShopEvent event)
{
    QMutexLocker lock(&m_mutex);
    if (m_pending.size() >= kMaxPending) {
        ++m_dropped;
        return;
    }
    m_pending.append(std::move(event));
}

QVector<ShopEvent> ShopEventQueue::drain()
{
    QVector<ShopEvent> events;
    QMutexLocker lock(&m_mutex);
    events.swap(m_pending);
    return events;
}

qint64 ShopEventQueue::dropped() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

} // namespace chippy::shop
