#pragma once

#include "analytics/analytics_store.h"
#include "analytics/sqlite_schema.h"

#include <QSqlDatabase>

namespace chippy::analytics {

// The embedded store: one SQLite file in WAL mode, so that the statistician's writer and the
// chart worker's reader, each with its own connection, work at once.
class SqliteStore : public AnalyticsStore
{
public:
    explicit SqliteStore(const AnalyticsSettings &settings);
    ~SqliteStore() override;

    QString describe() const override;
    bool prepare(QString *error) override;
    bool write(const QList<EventDocument> &documents, QString *error) override;
    bool sync(QString *error) override;
    std::optional<Figures> figures(const FigureQuery &query, QString *error) override;
    std::optional<qint64> documentCount(QString *error) override;

private:
    bool open(QString *error);

    AnalyticsSettings m_settings;
    SqliteSchema m_schema;
    QString m_connectionName;
    QSqlDatabase m_db;
};

} // namespace chippy::analytics
