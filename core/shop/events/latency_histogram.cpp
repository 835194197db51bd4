#include "shop/events/latency_histogram.h"

#include <algorithm>
#include <cmath>

namespace chippy::shop {

namespace {

// Bucket widths grow tenfold each decade of milliseconds from one second on.
struct Decade
{
    qint64 from;
    qint64 width;
};
constexpr Decade kDecades[] = {{0, 1}, {1000, 10}, {10000, 100}, {100000, 1000}};
constexpr qint64 kLastMs = 1000000;
constexpr qint64 kBucketsPerDecade = 900;

std::size_t bucketOf(qint64 ms)
{
    ms = std::clamp<qint64>(ms, 0, kLastMs - 1);
    if (ms < kDecades[1].from) {
        return static_cast<std::size_t>(ms);
    }
    std::size_t first = static_cast<std::size_t>(kDecades[1].from);
    for (std::size_t d = 1; d < std::size(kDecades); ++d) {
        const qint64 end = d + 1 < std::size(kDecades) ? kDecades[d + 1].from : kLastMs;
        if (ms < end) {
            return first + static_cast<std::size_t>((ms - kDecades[d].from) / kDecades[d].width);
        }
        first += kBucketsPerDecade;
    }
    return first - 1;
}

// The largest value a bucket holds.
qint64 topOf(std::size_t bucket)
{
    if (bucket < static_cast<std::size_t>(kDecades[1].from)) {
        return static_cast<qint64>(bucket);
    }
    const auto rest = static_cast<qint64>(bucket) - kDecades[1].from;
    const Decade &d = kDecades[1 + rest / kBucketsPerDecade];
    return d.from + (rest % kBucketsPerDecade + 1) * d.width - 1;
}

} // namespace

LatencyHistogram::LatencyHistogram()
    : m_buckets(bucketOf(kLastMs - 1) + 1, 0)
{ }

void LatencyHistogram::add(qint64 ms)
{
    ms = std::max<qint64>(0, ms);
    ++m_buckets[bucketOf(ms)];
    ++m_count;
    m_max = std::max(m_max, ms);
}

void LatencyHistogram::clear()
{
    std::fill(m_buckets.begin(), m_buckets.end(), 0);
    m_count = 0;
    m_max = 0;
}

LatencySummary LatencyHistogram::summary() const
{
    LatencySummary s;
    s.count = m_count;
    s.max = static_cast<double>(m_max);
    if (m_count == 0) {
        return s;
    }
    const auto at = [this](double p) {
        const auto rank = std::max<qint64>(1, static_cast<qint64>(std::ceil(p * m_count)));
        qint64 seen = 0;
        for (std::size_t b = 0; b < m_buckets.size(); ++b) {
            seen += m_buckets[b];
            if (seen >= rank) {
                return static_cast<double>(std::min(topOf(b), m_max));
            }
        }
        return static_cast<double>(m_max);
    };
    s.p50 = at(0.50);
    s.p95 = at(0.95);
    s.p99 = at(0.99);
    return s;
}

} // namespace chippy::shop
