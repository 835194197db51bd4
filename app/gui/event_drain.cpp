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
    QVector<shop::ShopEvent> events;
    int sources = 0;
    for (shop::ShopEventQueue *queue : std::as_const(m_queues)) {
        QVector<shop::ShopEvent> more = queue->drain();
        if (more.isEmpty()) {
            continue;
        }
        ++sources;
        if (events.isEmpty()) {
            events = std::move(more);
        } else {
            events.append(more);
        }
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
}

} // namespace chippy::gui
