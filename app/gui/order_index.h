#pragma once

#include "shop/events/shop_event.h"

#include <QHash>
#include <QList>

#include <deque>

namespace chippy::gui {

// Every hop of the most recent orders (placed, taken, sent to the cook, cooked, ready,
// served), so that a clicked order can show its journey. Bounded: the oldest orders are
// forgotten first.
class OrderIndex
{
public:
    static constexpr int kMaxOrders = 4000;
    // Placed, taken, sent to the cook, cooked, ready, served.
    static constexpr int kHopsPerOrder = 6;

    struct Hop
    {
        shop::ShopEvent::Kind kind = shop::ShopEvent::Kind::OrderPlaced;
        QString participant;
        QString topic;
        int partition = -1;
        qint64 offset = -1;
        qint64 timeMs = 0;
        qint64 value = 0;
    };

    // Returns true when one of the orders in the batch is `watched`.
    bool add(const QVector<shop::ShopEvent> &events, qint64 watched = -1);
    QList<Hop> hops(qint64 order) const { return m_hops.value(order); }
    bool contains(qint64 order) const { return m_hops.contains(order); }
    int size() const { return static_cast<int>(m_hops.size()); }
    void clear();

private:
    QHash<qint64, QList<Hop>> m_hops;
    std::deque<qint64> m_age;
};

} // namespace chippy::gui
