#pragma once

#include <QtGlobal>

#include <vector>

namespace chippy::shop {

struct LatencySummary
{
    qint64 count = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
};

// Order latencies in milliseconds, counted in buckets so that memory and the cost of a
// percentile stay the same however many orders are served: exact to the millisecond below
// one second, then within 1 %.
class LatencyHistogram
{
public:
    LatencyHistogram();

    void add(qint64 ms);
    void clear();
    // Percentiles by nearest rank: the smallest bucket with at least p of the samples at or
    // below it, reported as the largest value that bucket holds (never above the maximum).
    LatencySummary summary() const;

private:
    std::vector<qint64> m_buckets;
    qint64 m_count = 0;
    qint64 m_max = 0;
};

} // namespace chippy::shop
