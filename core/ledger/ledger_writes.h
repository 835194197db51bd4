#pragma once

#include "ledger/ledger.h"

#include <QSqlDatabase>

namespace chippy::ledger {

// The statements of one batch; the caller runs them inside its transaction. Lines already
// in the ledger are left as they are, so a batch written twice counts once.
bool writeSales(QSqlDatabase &db, const QList<Sale> &sales, QString *reason);
bool writePortions(QSqlDatabase &db, const QList<PortionsUsed> &lines, QString *reason);
bool writeOffsets(
    QSqlDatabase &db, const QString &reader, const QList<SourceOffset> &offsets, QString *reason);

} // namespace chippy::ledger
