#pragma once

#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace chippy::ledger {

// What went wrong, in the database's own words on one line.
QString reasonOf(const QSqlError &error);

// Prepares and runs one statement with its values; on failure the reason goes to *reason.
bool runStatement(QSqlQuery &query, const QVariantList &values, QString *reason);
bool runStatement(QSqlDatabase &db, const QString &sql, QString *reason);

} // namespace chippy::ledger
