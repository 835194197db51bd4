#pragma once

#include "shop/events/shop_stats.h"

#include <deque>

namespace chippy::shop {

// Orders per second over the last few seconds, from samples of the running counts. A view
// samples once a frame or once a second; the cost does not depend on the order rate.
class RateMeter
{
public:
    static constexpr qint64 kWindowMs = 5000;

    void sample(const ShopCounts &counts, qint64 nowMs);
    double placedPerSecond() const;
    double servedPerSecond() const;

private:
    double perSecond(qint64 ShopCounts::*field) const;

    std::deque<std::pair<qint64, ShopCounts>> m_samples;
};

} // namespace chippy::shop
