#pragma once

#include "analytics/analytics_store.h"
#include "analytics/sqlite_schema.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace chippy::analytics {

// The charts' figures as SQL over one open connection, read in one transaction so that they
// agree with each other while a writer goes on.
class SqliteFigures
{
public:
    SqliteFigures(QSqlDatabase db, const SqliteSchema &schema);

    std::optional<Figures> compute(const FigureQuery &query, QString *error);

private:
    bool readAll(const FigureQuery &query, Figures &figures);
    bool run(QSqlQuery &sql, const QString &statement, const QVariantList &values);
    std::optional<double> prepPercentile(int percent, qint64 count, qint64 sinceMs);

    QSqlDatabase m_db;
    const SqliteSchema &m_schema;
    QString m_error;
};

} // namespace chippy::analytics
