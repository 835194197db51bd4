#pragma once

#include "shop/events/shop_event.h"

#include <QMutex>
#include <QVector>

#include <functional>
#include <optional>
#include <vector>

namespace chippy::shop {

// Workers push events from their threads; the view drains them all at once, once a frame.
// Bounded, so a view that stops draining costs memory only up to the cap; the running
// counts in ShopStats stay exact either way. When full it turns away what happened to single
// orders first: who joined, owns, left or failed is kept up to a reserve of its own, so the
// view never draws an assignment that was revoked.
class ShopEventQueue
{
public:
    static constexpr qsizetype kMaxPending = 50000;
    static constexpr qsizetype kStateReserve = 10000;

    void push(ShopEvent event);
    // Everything pushed since the last drain, oldest first.
    QVector<ShopEvent> drain();
    // The same, for a thread that must not wait: nothing when a worker holds the queue (a
    // worker at a lower priority may hold it a long while on a busy machine).
    std::optional<QVector<ShopEvent>> tryDrain();
    // Hands back a drained batch once it was read, for the next push to free: its memory came
    // from the workers' allocator arenas, whose locks a worker may hold. False when the queue
    // is held; keep it and try again.
    bool dispose(QVector<ShopEvent> &spent);
    // Events turned away because the queue was full.
    qint64 dropped() const;
    // Runs while holding the queue, as a worker in the middle of a push does.
    void holdForTest(const std::function<void()> &whileHeld);

private:
    mutable QMutex m_mutex;
    QVector<ShopEvent> m_pending;
    // Batches handed back, freed one a push; the list keeps its capacity.
    std::vector<QVector<ShopEvent>> m_spent;
    qint64 m_dropped = 0;
};

} // namespace chippy::shop
