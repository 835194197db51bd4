#pragma once

#include "shop/events/shop_event.h"

#include <QList>
#include <QObject>
#include <QTimer>

namespace chippy::shop {
class ShopEventQueue;
}

namespace chippy::gui {

// Takes everything the workers posted, once a frame, and hands it on as one batch, so the
// views update in batches whose cost does not grow with the order rate. It never waits for a
// worker: a queue a worker holds is drained next frame, and the memory of a batch is freed by
// the workers, so that a worker at low priority on a busy machine cannot stall the window.
class EventDrain : public QObject
{
    Q_OBJECT

public:
    static constexpr int kFrameMs = 16;

    explicit EventDrain(QObject *parent = nullptr);

    // The queues to drain; they must outlive their attachment.
    void attach(shop::ShopEventQueue *queue);
    void detachAll();
    void start();
    void stop();
    // Drains now (also called by the frame timer).
    void drainNow();
    qint64 drained() const { return m_drained; }

signals:
    void batch(const QVector<chippy::shop::ShopEvent> &events);
    // Every frame, after the batch (if there was one).
    void frame();

private:
    // Hands each queue back the batches it gave, once read; what a held queue did not take
    // is kept for the next frame.
    void disposeSpent();

    QList<shop::ShopEventQueue *> m_queues;
    QList<std::pair<shop::ShopEventQueue *, QVector<shop::ShopEvent>>> m_spent;
    QTimer m_frame;
    qint64 m_drained = 0;
};

} // namespace chippy::gui
