#include "ledger/ledger_reads.h"

#include "ledger/ledger_sql.h"

#include <QSqlQuery>

namespace chippy::ledger {

std::optional<QList<SourceOffset>> readOffsets(
    QSqlDatabase &db, const QString &reader, QString *reason)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT topic, partition, next_offset FROM reader_offsets"
                                 " WHERE reader = ? ORDER BY topic, partition"));
    if (!runStatement(query, {reader}, reason)) {
        return std::nullopt;
    }
    QList<SourceOffset> offsets;
    while (query.next()) {
        offsets.append(
            {query.value(0).toString(), query.value(1).toInt(), query.value(2).toLongLong()});
    }
    return offsets;
}

std::optional<LedgerTotals> readTotals(QSqlDatabase &db, QString *reason)
{
    LedgerTotals totals;
    QSqlQuery sales(db);
    sales.setForwardOnly(true);
    if (!sales.exec(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(price_pence), 0) FROM sales"))
        || !sales.next()) {
        *reason = reasonOf(sales.lastError());
        return std::nullopt;
    }
    totals.orders = sales.value(0).toLongLong();
    totals.moneyTakenPence = sales.value(1).toLongLong();

    QSqlQuery portions(db);
    portions.setForwardOnly(true);
    if (!portions.exec(QStringLiteral(
            "SELECT topic, item, SUM(portions) FROM portions GROUP BY topic, item"))) {
        *reason = reasonOf(portions.lastError());
        return std::nullopt;
    }
    while (portions.next()) {
        const QString topic = portions.value(0).toString();
        auto &byItem
            = topic == QLatin1String(kCookTopic) ? totals.portionsCooked : totals.portionsOrdered;
        byItem[portions.value(1).toString()] += portions.value(2).toLongLong();
    }
    return totals;
}

} // namespace chippy::ledger
