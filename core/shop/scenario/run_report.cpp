#include "shop/scenario/run_report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cmath>

namespace chippy::shop {

namespace {

QJsonObject portionsJson(const PortionTotals &portions)
{
    QJsonObject json;
    for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
        json.insert(it.key(), it.value());
    }
    return json;
}

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

} // namespace

QJsonObject RunReport::toJson() const
{
    QJsonObject orders {
        {QStringLiteral("placed"), counts.placed},
        {QStringLiteral("served"), counts.served},
        {QStringLiteral("dead_lettered"), counts.deadLettered},
        {QStringLiteral("lost"), lost()},
        {QStringLiteral("served_twice"), counts.servedTwice},
        {QStringLiteral("duplicates_dropped"), counts.duplicatesDropped},
        {QStringLiteral("sent_to_cook"), counts.sentToCook},
        {QStringLiteral("place_retries"), counts.placeFailed},
    };
    QJsonArray lostList;
    for (qint64 order : lostOrders) {
        lostList.append(order);
    }
    if (!lostList.isEmpty()) {
        orders.insert(QStringLiteral("lost_orders"), lostList);
    }
    QJsonArray actionList;
    for (const ActionRecord &a : actions) {
        actionList.append(QJsonObject {
            {QStringLiteral("at_s"), rounded(a.atS, 1)},
            {QStringLiteral("action"), a.kind},
            {QStringLiteral("ok"), a.ok},
            {QStringLiteral("detail"), a.detail},
        });
    }
    QJsonObject json {
        {QStringLiteral("scenario"), scenario},
        {QStringLiteral("duration_s"), rounded(durationS, 1)},
        {QStringLiteral("orders"), orders},
        {QStringLiteral("orders_per_s"), rounded(ordersPerSecond(), 2)},
        {QStringLiteral("latency_ms"),
            QJsonObject {
                {QStringLiteral("p50"), latency.p50},
                {QStringLiteral("p95"), latency.p95},
                {QStringLiteral("p99"), latency.p99},
                {QStringLiteral("max"), latency.max},
            }},
        {QStringLiteral("rebalances"), counts.rebalances},
        {QStringLiteral("errors"), counts.errors},
        {QStringLiteral("drained"), drained},
        {QStringLiteral("actions"), actionList},
        {QStringLiteral("cluster"), cluster},
    };
    if (backOfficeTotals) {
        if (backOffice.contains(QLatin1String("statistician"))) {
            json.insert(QStringLiteral("analytics"), backOfficeTotals->analyticsJson());
        }
        if (backOffice.contains(QLatin1String("accountant"))
            || backOffice.contains(QLatin1String("stockist"))) {
            json.insert(QStringLiteral("ledger"), backOfficeTotals->ledgerJson());
        }
    }
    if (!cabinetStore.isEmpty()) {
        json.insert(QStringLiteral("cabinet"),
            QJsonObject {
                {QStringLiteral("store"), cabinetStore},
                {QStringLiteral("portions_taken"), portionsJson(cabinet.taken)},
                {QStringLiteral("portions_cooked"), portionsJson(cabinet.cooked)},
                {QStringLiteral("portions_wasted"), portionsJson(cabinet.wasted)},
                {QStringLiteral("portions_fried_to_order"), portionsJson(cabinet.friedToOrder)},
            });
    }
    if (!error.isEmpty()) {
        json.insert(QStringLiteral("error"), error);
    }
    return json;
}

bool RunReport::write(const QString &path, QString *why) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *why = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        *why = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace chippy::shop
