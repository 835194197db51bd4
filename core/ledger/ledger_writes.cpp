#include "ledger/ledger_writes.h"

#include "ledger/ledger_sql.h"

namespace chippy::ledger {

LedgerWrites::LedgerWrites(const QSqlDatabase &db)
    : m_sales(db)
    , m_portions(db)
    , m_offsets(db)
{ }

bool LedgerWrites::prepareOnce(QSqlQuery &query, const QString &sql, QString *reason)
{
    if (query.lastQuery() == sql) {
        return true;
    }
    if (!query.prepare(sql)) {
        *reason = reasonOf(query.lastError());
        return false;
    }
    return true;
}

bool LedgerWrites::writeSales(const QList<Sale> &sales, QString *reason)
{
    if (!prepareOnce(m_sales,
            QStringLiteral("INSERT INTO sales (order_id, queue, price_pence, timestamp_ms)"
                           " VALUES (?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING"),
            reason)) {
        return false;
    }
    for (const Sale &sale : sales) {
        if (!runStatement(
                m_sales, {sale.order, sale.queue, sale.pricePence, sale.timestampMs}, reason)) {
            *reason = QStringLiteral("order %1: %2").arg(sale.order).arg(*reason);
            return false;
        }
    }
    return true;
}

bool LedgerWrites::writePortions(const QList<PortionsUsed> &lines, QString *reason)
{
    if (!prepareOnce(m_portions,
            QStringLiteral("INSERT INTO portions (topic, order_id, item, portions)"
                           " VALUES (?, ?, ?, ?) ON CONFLICT (topic, order_id, item) DO NOTHING"),
            reason)) {
        return false;
    }
    for (const PortionsUsed &line : lines) {
        for (auto it = line.portions.cbegin(); it != line.portions.cend(); ++it) {
            if (!runStatement(m_portions, {line.topic, line.order, it.key(), it.value()}, reason)) {
                *reason
                    = QStringLiteral("order %1 on %2: %3").arg(line.order).arg(line.topic, *reason);
                return false;
            }
        }
    }
    return true;
}

bool LedgerWrites::writeOffsets(
    const QString &reader, const QList<SourceOffset> &offsets, QString *reason)
{
    if (!prepareOnce(m_offsets,
            QStringLiteral("INSERT INTO reader_offsets (reader, topic, partition, next_offset)"
                           " VALUES (?, ?, ?, ?) ON CONFLICT (reader, topic, partition)"
                           " DO UPDATE SET next_offset = excluded.next_offset"),
            reason)) {
        return false;
    }
    for (const SourceOffset &offset : offsets) {
        if (!runStatement(
                m_offsets, {reader, offset.topic, offset.partition, offset.nextOffset}, reason)) {
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
