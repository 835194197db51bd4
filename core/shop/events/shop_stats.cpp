#include "shop/events/shop_stats.h"

#include <algorithm>

namespace chippy::shop {

void ShopStats::orderPlaced(qint64 order)
{
    QMutexLocker lock(&m_mutex);
    if (order < 0) {
        ++m_placedUnnumbered;
    } else {
        m_placed.insert(order);
    }
}

void ShopStats::orderServed(qint64 order, qint64 latencyMs)
{
    QMutexLocker lock(&m_mutex);
    if (!m_served.insert(order)) {
        ++m_servedTwice;
        return;
    }
    m_latencies.add(latencyMs);
}

void ShopStats::deadLettered(const QString &source)
{
    QMutexLocker lock(&m_mutex);
    m_deadLettered.insert(source);
}

void ShopStats::generationSeen(const QString &group, int generation)
{
    if (generation < 0) {
        return;
    }
    QMutexLocker lock(&m_mutex);
    m_generations.insert(group + QLatin1Char('/') + QString::number(generation));
}

void ShopStats::restartLatency()
{
    QMutexLocker lock(&m_mutex);
    m_latencies.clear();
}

ShopCounts ShopStats::counts() const
{
    ShopCounts c;
    c.placeFailed = m_placeFailed;
    c.taken = m_taken;
    c.sentToCook = m_sentToCook;
    c.cooked = m_cooked;
    c.ready = m_ready;
    c.duplicatesDropped = m_duplicatesDropped;
    c.errors = m_errors;
    QMutexLocker lock(&m_mutex);
    c.placed = m_placed.size() + m_placedUnnumbered;
    c.served = m_served.size();
    c.servedTwice = m_servedTwice;
    c.deadLettered = m_deadLettered.size();
    c.rebalances = m_generations.size();
    return c;
}

LatencySummary ShopStats::latency() const
{
    QMutexLocker lock(&m_mutex);
    return m_latencies.summary();
}

QList<qint64> ShopStats::unserved(int max) const
{
    QList<qint64> result;
    QMutexLocker lock(&m_mutex);
    m_placed.forEach([&](qint64 order) {
        if (!m_served.contains(order)) {
            result.append(order);
        }
    });
    std::sort(result.begin(), result.end());
    return result.mid(0, max);
}

} // namespace chippy::shop
