#pragma once

#include "ledger/ledger.h"

#include <QSqlDatabase>

namespace chippy::ledger {

std::optional<QList<SourceOffset>> readOffsets(
    QSqlDatabase &db, const QString &reader, QString *reason);
std::optional<LedgerTotals> readTotals(QSqlDatabase &db, QString *reason);

} // namespace chippy::ledger
