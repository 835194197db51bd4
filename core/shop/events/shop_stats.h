#pragma once

#include "shop/events/cabinet_tally.h"
#include "shop/events/latency_histogram.h"
#include "shop/events/order_number_set.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

#include <atomic>

namespace chippy::shop {

struct ShopCounts
{
    qint64 placed = 0; // distinct orders the broker acknowledged on ORDER
    qint64 placeFailed = 0; // attempts that failed and were retried
    qint64 taken = 0;
    qint64 sentToCook = 0;
    qint64 cooked = 0;
    qint64 ready = 0;
    qint64 served = 0; // distinct orders served
    qint64 servedTwice = 0; // serves of an order already served (must stay 0)
    qint64 duplicatesDropped = 0; // redelivered orders the counters recognised and ignored
    qint64 deadLettered = 0; // distinct unreadable records moved to ORDER-DLQ
    qint64 rebalances = 0; // distinct group generations seen
    qint64 errors = 0;

    // Orders neither served nor dead-lettered (so far; after a drain, lost).
    qint64 outstanding() const { return placed - served - deadLettered; }
};

// The shop's running tallies, written by every worker and read by views and the report.
// Counts orders by number, so redeliveries are visible rather than double counted.
class ShopStats
{
public:
    // order is -1 for a record that has no readable number.
    void orderPlaced(qint64 order);
    void placeFailed() { ++m_placeFailed; }
    void orderTaken() { ++m_taken; }
    void sentToCook() { ++m_sentToCook; }
    void cooked() { ++m_cooked; }
    void orderReady() { ++m_ready; }
    void orderServed(qint64 order, qint64 latencyMs);
    void duplicateDropped() { ++m_duplicatesDropped; }
    // source identifies the unreadable record (topic/partition/offset): moved once, counted once.
    void deadLettered(const QString &source);
    void generationSeen(const QString &group, int generation);
    void error() { ++m_errors; }

    // Forgets the latencies so far, so that a measurement can leave out the start-up (first
    // connections, group joins, offset look-ups).
    void restartLatency();

    // The hot cabinet's portions, from model 6.
    CabinetTally &cabinet() { return m_cabinet; }
    const CabinetTally &cabinet() const { return m_cabinet; }

    ShopCounts counts() const;
    LatencySummary latency() const;
    // Up to max order numbers that were placed and not served (for the report).
    QList<qint64> unserved(int max) const;

private:
    std::atomic<qint64> m_placeFailed {0};
    std::atomic<qint64> m_taken {0};
    std::atomic<qint64> m_sentToCook {0};
    std::atomic<qint64> m_cooked {0};
    std::atomic<qint64> m_ready {0};
    std::atomic<qint64> m_duplicatesDropped {0};
    std::atomic<qint64> m_errors {0};

    mutable QMutex m_mutex;
    OrderNumberSet m_placed;
    qint64 m_placedUnnumbered = 0;
    OrderNumberSet m_served;
    qint64 m_servedTwice = 0;
    QSet<QString> m_deadLettered;
    QSet<QString> m_generations;
    LatencyHistogram m_latencies;
    CabinetTally m_cabinet;
};

} // namespace chippy::shop
