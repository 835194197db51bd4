#include "order_index.h"

namespace chippy::gui {

namespace {

bool isHop(shop::ShopEvent::Kind kind)
{
    using K = shop::ShopEvent::Kind;
    return kind == K::OrderPlaced || kind == K::OrderTaken || kind == K::SentToCook
        || kind == K::Cooked || kind == K::OrderReady || kind == K::OrderServed
        || kind == K::DeadLettered;
}

} // namespace

bool OrderIndex::add(const QVector<shop::ShopEvent> &events, qint64 watched)
{
    bool sawWatched = false;
    for (const shop::ShopEvent &e : events) {
        if (e.order < 0 || !isHop(e.kind)) {
            continue;
        }
        auto it = m_hops.find(e.order);
        if (it == m_hops.end()) {
            it = m_hops.insert(e.order, {});
            m_age.push_back(e.order);
            while (m_age.size() > kMaxOrders) {
                m_hops.remove(m_age.front());
                m_age.pop_front();
            }
            it = m_hops.find(e.order);
            // One allocation an order rather than one each time its list of hops doubles.
            it->reserve(kHopsPerOrder);
        }
        it->append(Hop {e.kind, e.participant, e.topic, e.partition, e.offset, e.timeMs, e.value});
        sawWatched = sawWatched || e.order == watched;
    }
    return sawWatched;
}

void OrderIndex::clear()
{
    m_hops.clear();
    m_age.clear();
}

} // namespace chippy::gui
