#pragma once

#include "shop/events/shop_event.h"

#include <QMutex>
#include <QVector>

namespace chippy::shop {

// Workers push events from their threads; the view drains them all at once, once a frame.
// Bounded, so a view that stops draining costs memory only up to the cap; the running
// counts in ShopStats stay exact either way.
class ShopEventQueue
{
public:
    static constexpr qsizetype kMaxPending = 200000;

    void push(ShopEvent event);
    // Everything pushed since the last drain, oldest first.
    QVector<ShopEvent> drain();
    // Events refused because the queue was full.
    qint64 dropped() const;

private:
    mutable QMutex m_mutex;
    QVector<ShopEvent> m_pending;
    qint64 m_dropped = 0;
};

} // namespace chippy::shop
