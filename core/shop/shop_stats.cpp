#include "shop_stats.h"

#include <algorithm>
#include <cmath>

namespace chippy::shop {

namespace {

double percentile(const std::vector<qint64> &sorted, double p)
{
    if (sorted.empty()) {
        return 0;
    }
    // Nearest rank: the smallest value with at least p of the samples at or below it.
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
    return static_cast<double>(sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1]);
}

} // namespace

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
    if (m_served.contains(order)) {
        ++m_servedTwice;
        return;
    }
    m_served.insert(order);
    m_latencies.push_back(std::max<qint64>(0, latencyMs));
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
    std::vector<qint64> sorted;
    {
        QMutexLocker lock(&m_mutex);
        sorted = m_latencies;
    }
    std::sort(sorted.begin(), sorted.end());
    LatencySummary s;
    s.count = static_cast<qint64>(sorted.size());
    s.p50 = percentile(sorted, 0.50);
    s.p95 = percentile(sorted, 0.95);
    s.p99 = percentile(sorted, 0.99);
    s.max = sorted.empty() ? 0 : static_cast<double>(sorted.back());
    return s;
}

QList<qint64> ShopStats::unserved(int max) const
{
    QList<qint64> result;
    QMutexLocker lock(&m_mutex);
    for (qint64 order : m_placed) {
        if (!m_served.contains(order)) {
            result.append(order);
        }
    }
    std::sort(result.begin(), result.end());
    return result.mid(0, max);
}

} // namespace chippy::shop
