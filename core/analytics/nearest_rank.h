#pragma once

#include <QtGlobal>

namespace chippy::analytics {

// The 1-based rank of the p-th percentile among n sorted values by the nearest-rank method,
// ceil(p * n / 100), at least 1. OpenSearch's HDR percentiles pick the same rank.
constexpr qint64 nearestRank(int percent, qint64 count)
{
    const qint64 rank = (percent * count + 99) / 100;
    return rank < 1 ? 1 : rank;
}

} // namespace chippy::analytics
