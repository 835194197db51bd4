#include "shop/events/event_queue.h"

namespace chippy::shop {

namespace {

// One order's hop, a lag reading or a till's retry: the next one says as much.
bool isPerOrder(ShopEvent::Kind kind)
{
    using K = ShopEvent::Kind;
    switch (kind) {
    case K::OrderPlaced:
    case K::OrderTaken:
    case K::SentToCook:
    case K::Cooked:
    case K::OrderReady:
    case K::OrderServed:
    case K::Lag:
    case K::PlaceFailed:
    case K::DuplicateDropped:
    case K::Recorded:
    case K::PortionsTaken:
    case K::PortionsCooked:
        return true;
    default:
        return false;
    }
}

} // namespace

void ShopEventQueue::push(ShopEvent event)
{
    QMutexLocker lock(&m_mutex);
    const qsizetype cap = isPerOrder(event.kind) ? kMaxPending : kMaxPending + kStateReserve;
    if (m_pending.size() >= cap) {
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
