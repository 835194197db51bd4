#pragma once

#include "shop/events/shop_event.h"

#include <QMutex>
#include <QVector>

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
    // Events turned away because the queue was full.
    qint64 dropped() const;

private:
    mutable QMutex m_mutex;
    QVector<ShopEvent> m_pending;
    qint64 m_dropped = 0;
};

} // namespace chippy::shop
