#include "shop/events/rate_meter.h"

namespace chippy::shop {

void RateMeter::sample(const ShopCounts &counts, qint64 nowMs)
{
    m_samples.emplace_back(nowMs, counts);
    // Keep one sample older than the window so that the window is always covered.
    while (m_samples.size() > 2 && m_samples[1].first <= nowMs - kWindowMs) {
        m_samples.pop_front();
    }
}

double RateMeter::placedPerSecond() const
{
    return perSecond(&ShopCounts::placed);
}

double RateMeter::servedPerSecond() const
{
    return perSecond(&ShopCounts::served);
}

double RateMeter::perSecond(qint64 ShopCounts::*field) const
{
    if (m_samples.size() < 2) {
        return 0;
    }
    const auto &[firstMs, first] = m_samples.front();
    const auto &[lastMs, last] = m_samples.back();
    if (lastMs <= firstMs) {
        return 0;
    }
    return static_cast<double>(last.*field - first.*field) * 1000.0
        / static_cast<double>(lastMs - firstMs);
}

} // namespace chippy::shop
