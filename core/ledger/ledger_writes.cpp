#include "ledger/ledger_writes.h"

#include "ledger/ledger_sql.h"

#include <QSqlQuery>

namespace chippy::ledger {

bool writeSales(QSqlDatabase &db, const QList<Sale> &sales, QString *reason)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO sales (order_id, queue, price_pence, timestamp_ms) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (order_id) DO NOTHING"));
    for (const Sale &sale : sales) {
        if (!runStatement(
                query, {sale.order, sale.queue, sale.pricePence, sale.timestampMs}, reason)) {
            *reason = QStringLiteral("order %1: %2").arg(sale.order).arg(*reason);
            return false;
        }
    }
    return true;
}

bool writePortions(QSqlDatabase &db, const QList<PortionsUsed> &lines, QString *reason)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("INSERT INTO portions (topic, order_id, item, portions)"
                       " VALUES (?, ?, ?, ?) ON CONFLICT (topic, order_id, item) DO NOTHING"));
    for (const PortionsUsed &line : lines) {
        for (auto it = line.portions.cbegin(); it != line.portions.cend(); ++it) {
            if (!runStatement(query, {line.topic, line.order, it.key(), it.value()}, reason)) {
                *reason
                    = QStringLiteral("order %1 on %2: %3").arg(line.order).arg(line.topic, *reason);
                return false;
            }
        }
    }
    return true;
}

bool writeOffsets(
    QSqlDatabase &db, const QString &reader, const QList<SourceOffset> &offsets, QString *reason)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO reader_offsets (reader, topic, partition, next_offset) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (reader, topic, partition) DO UPDATE SET next_offset = "
        "excluded.next_offset"));
    for (const SourceOffset &offset : offsets) {
        if (!runStatement(
                query, {reader, offset.topic, offset.partition, offset.nextOffset}, reason)) {
            *reason = QStringLiteral("offset of %1 in %2 partition %3: %4")
                          .arg(reader, offset.topic)
                          .arg(offset.partition)
                          .arg(*reason);
            return false;
        }
    }
    return true;
}

} // namespace chippy::ledger
