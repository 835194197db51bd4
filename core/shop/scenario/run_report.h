#pragma once

#include "shop/events/shop_stats.h"
#include "shop/scenario/back_office_totals.h"
#include "shop/scenario/scenario_player.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace chippy::shop {

// The outcome of a run, as the headless runner writes it:
// {"scenario", "duration_s", "orders": {placed, served, dead_lettered, lost, served_twice},
//  "orders_per_s", "latency_ms": {p50, p95, p99, max}, "rebalances", "actions": [...],
//  once the back office joined: "analytics": {...}, "ledger": {...},
//  and from model 6: "cabinet": {store, portions_taken, portions_cooked, portions_wasted,
//  portions_fried_to_order}}
struct RunReport
{
    static constexpr int kListedLostOrders = 20;

    QString scenario;
    double durationS = 0; // from opening to the end of the drain
    ShopCounts counts;
    LatencySummary latency;
    QList<ActionRecord> actions;
    QString cluster; // where it ran, without secrets
    QString error; // why the run could not start, if it could not
    bool drained = true;
    QList<qint64> lostOrders;
    QStringList backOffice; // who of the back office joined
    std::optional<BackOfficeTotals> backOfficeTotals;
    QString cabinetStore; // "in-process" or "Redis at host:port"; empty: no cabinet was used
    CabinetTotals cabinet;

    qint64 lost() const { return counts.placed - counts.served - counts.deadLettered; }
    double ordersPerSecond() const { return durationS > 0 ? counts.served / durationS : 0; }
    // Nothing lost, nothing served twice, and the run started.
    bool clean() const { return error.isEmpty() && lost() == 0 && counts.servedTwice == 0; }
    // Orders the back office should have counted: every readable order placed.
    qint64 readableOrders() const { return counts.placed - counts.deadLettered; }

    QJsonObject toJson() const;
    bool write(const QString &path, QString *error) const;
};

} // namespace chippy::shop
