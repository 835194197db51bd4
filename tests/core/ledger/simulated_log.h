#pragma once

#include "ledger/ledger.h"

namespace chippy::test {

// A made-up shop's log for the ledger's readers: ORDER and COOK, each record at a known
// partition and offset, so that the right totals are known before anything is read.
struct SimulatedLog
{
    static constexpr int kOrderPartitions = 3;
    static constexpr qint64 kOrdersPerPartition = 300;
    static constexpr int kCookPartitions = 2;
    static constexpr qint64 kCooksPerPartition = 200;

    static ledger::Sale sale(int partition, qint64 offset);
    static ledger::PortionsUsed ordered(int partition, qint64 offset);
    static ledger::PortionsUsed cooked(int partition, qint64 offset);

    // Where each partition of the topics reader reads ends.
    static QList<ledger::SourceOffset> logEnds(const QString &reader);
    // What the whole log adds up to, each order counted once.
    static ledger::LedgerTotals totals();
};

// The readers' names: the accountant reads ORDER, the stockist ORDER and COOK.
inline const QString kAccountant = QStringLiteral("accountant");
inline const QString kStockist = QStringLiteral("stockist");

} // namespace chippy::test
