#include "event_drain.h"

#include "shop/events/event_queue.h"

#include <algorithm>

namespace chippy::gui {

EventDrain::EventDrain(QObject *parent)
    : QObject(parent)
{
    m_frame.setInterval(kFrameMs);
    m_frame.setTimerType(Qt::PreciseTimer);
    connect(&m_frame, &QTimer::timeout, this, [this] {
        drainNow();
        emit frame();
    });
}

void EventDrain::attach(shop::ShopEventQueue *queue)
{
    if (queue && !m_queues.contains(queue)) {
        m_queues.append(queue);
    }
}

void EventDrain::detachAll()
{
    m_queues.clear();
    m_spent.clear();
}

void EventDrain::start()
{
    m_frame.start();
}

void EventDrain::stop()
{
    m_frame.stop();
}

void EventDrain::drainNow()
{
    disposeSpent();
    QVector<shop::ShopEvent> events;
    int sources = 0;
    for (shop::ShopEventQueue *queue : std::as_const(m_queues)) {
        std::optional<QVector<shop::ShopEvent>> more = queue->tryDrain();
        if (!more || more->isEmpty()) {
            continue;
        }
        ++sources;
        if (events.isEmpty()) {
            events = *more;
        } else {
            events.append(*more);
        }
        m_spent.append({queue, std::move(*more)});
    }
    if (events.isEmpty()) {
        return;
    }
    // Each queue is in order already; only a batch from several needs sorting.
    if (sources > 1) {
        std::stable_sort(events.begin(), events.end(),
            [](const shop::ShopEvent &a, const shop::ShopEvent &b) { return a.timeMs < b.timeMs; });
    }
    m_drained += events.size();
    emit batch(events);
    // A batch from one queue is that queue's own memory: hand it back rather than free it here.
    if (sources == 1) {
        events = {};
    }
    disposeSpent();
}

void EventDrain::disposeSpent()
{
    for (qsizetype i = m_spent.size() - 1; i >= 0; --i) {
        if (m_spent[i].first->dispose(m_spent[i].second)) {
            m_spent.removeAt(i);
        }
    }
}

} // namespace chippy::gui
