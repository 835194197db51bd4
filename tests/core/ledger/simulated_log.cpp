#include "simulated_log.h"

namespace chippy::test {

namespace {

constexpr qint64 kFirstTimestampMs = 1'700'000'000'000;

qint64 orderNumber(int partition, qint64 offset)
{
    return offset * SimulatedLog::kOrderPartitions + partition + 1;
}

} // namespace

ledger::Sale SimulatedLog::sale(int partition, qint64 offset)
{
    const qint64 order = orderNumber(partition, offset);
    return {order, int(order % 4), 350 + int(order % 5) * 120, kFirstTimestampMs + order};
}

ledger::PortionsUsed SimulatedLog::ordered(int partition, qint64 offset)
{
    const qint64 order = orderNumber(partition, offset);
    QMap<QString, int> portions {{QStringLiteral("chips"), 1 + int(order % 3)}};
    portions.insert(order % 2 ? QStringLiteral("cod") : QStringLiteral("plaice"), 1);
    return {QString::fromLatin1(ledger::kOrderTopic), order, portions};
}

ledger::PortionsUsed SimulatedLog::cooked(int partition, qint64 offset)
{
    // Every other order needs plaice cooked; some also wait for a fresh batch of cod.
    const qint64 order = 2 * (offset * kCookPartitions + partition) + 2;
    QMap<QString, int> portions {{QStringLiteral("plaice"), 1 + int(offset % 2)}};
    if (offset % 3 == 0) {
        portions.insert(QStringLiteral("cod"), 2);
    }
    return {QString::fromLatin1(ledger::kCookTopic), order, portions};
}

QList<ledger::SourceOffset> SimulatedLog::logEnds(const QString &reader)
{
    QList<ledger::SourceOffset> ends;
    if (reader == kStockist) {
        for (int partition = 0; partition < kCookPartitions; ++partition) {
            ends.append({QString::fromLatin1(ledger::kCookTopic), partition, kCooksPerPartition});
        }
    }
    for (int partition = 0; partition < kOrderPartitions; ++partition) {
        ends.append({QString::fromLatin1(ledger::kOrderTopic), partition, kOrdersPerPartition});
    }
    return ends;
}

ledger::LedgerTotals SimulatedLog::totals()
{
    ledger::LedgerTotals totals;
    for (int partition = 0; partition < kOrderPartitions; ++partition) {
        for (qint64 offset = 0; offset < kOrdersPerPartition; ++offset) {
            ++totals.orders;
            totals.moneyTakenPence += sale(partition, offset).pricePence;
            const auto portions = ordered(partition, offset).portions;
            for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
                totals.portionsOrdered[it.key()] += it.value();
            }
        }
    }
    for (int partition = 0; partition < kCookPartitions; ++partition) {
        for (qint64 offset = 0; offset < kCooksPerPartition; ++offset) {
            const auto portions = cooked(partition, offset).portions;
            for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
                totals.portionsCooked[it.key()] += it.value();
            }
        }
    }
    return totals;
}

} // namespace chippy::test
