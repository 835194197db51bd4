#pragma once

#include "ledger/ledger.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace chippy::ledger {

// The statements of a batch, prepared once per connection and run for every line; the
// caller runs them inside its transaction. Lines already in the ledger are left as they
// are, so a batch written twice counts once. On PostgreSQL a prepared statement cannot be
// freed inside a failed transaction: drop this object only after the rollback.
class LedgerWrites
{
public:
    explicit LedgerWrites(const QSqlDatabase &db);

    bool writeSales(const QList<Sale> &sales, QString *reason);
    bool writePortions(const QList<PortionsUsed> &lines, QString *reason);
    bool writeOffsets(const QString &reader, const QList<SourceOffset> &offsets, QString *reason);

private:
    static bool prepareOnce(QSqlQuery &query, const QString &sql, QString *reason);

    QSqlQuery m_sales;
    QSqlQuery m_portions;
    QSqlQuery m_offsets;
};

} // namespace chippy::ledger
