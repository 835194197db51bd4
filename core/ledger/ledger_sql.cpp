#include "ledger/ledger_sql.h"

namespace chippy::ledger {

QString reasonOf(const QSqlError &error)
{
    const QString database = error.databaseText().simplified();
    const QString driver = error.driverText().simplified();
    if (database.isEmpty()) {
        return driver;
    }
    if (driver.isEmpty()) {
        return database;
    }
    return driver + QStringLiteral(": ") + database;
}

bool runStatement(QSqlQuery &query, const QVariantList &values, QString *reason)
{
    for (const QVariant &value : values) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        *reason = reasonOf(query.lastError());
        return false;
    }
    return true;
}

bool runStatement(QSqlDatabase &db, const QString &sql, QString *reason)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *reason = reasonOf(query.lastError());
        return false;
    }
    return true;
}

} // namespace chippy::ledger
