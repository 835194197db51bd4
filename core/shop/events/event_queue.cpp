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
    // Freed after the lock is let go.
    QVector<ShopEvent> spent;
    QMutexLocker lock(&m_mutex);
    if (!m_spent.empty()) {
        spent = std::move(m_spent.back());
        m_spent.pop_back();
    }
    const qsizetype cap = isPerOrder(event.kind) ? kMaxPending : kMaxPending + kStateReserve;
    if (m_pending.size() >= cap) {
        ++m_dropped;
        return;
    }
    m_pending.append(std::move(event));
    lock.unlock();
}

QVector<ShopEvent> ShopEventQueue::drain()
{
    QVector<ShopEvent> events;
    QMutexLocker lock(&m_mutex);
    events.swap(m_pending);
    return events;
}

std::optional<QVector<ShopEvent>> ShopEventQueue::tryDrain()
{
    if (!m_mutex.tryLock()) {
        return std::nullopt;
    }
    QVector<ShopEvent> events;
    events.swap(m_pending);
    m_mutex.unlock();
    return events;
}

bool ShopEventQueue::dispose(QVector<ShopEvent> &spent)
{
    if (spent.isEmpty()) {
        return true;
    }
    if (!m_mutex.tryLock()) {
        return false;
    }
    m_spent.push_back(std::move(spent));
    m_mutex.unlock();
    spent = {};
    return true;
}

void ShopEventQueue::holdForTest(const std::function<void()> &whileHeld)
{
    QMutexLocker lock(&m_mutex);
    whileHeld();
}

qint64 ShopEventQueue::dropped() const
{
    QMutexLocker lock(&m_mutex);
    return m_dropped;
}

} // namespace chippy::shop
