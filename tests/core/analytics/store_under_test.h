#pragma once

#include "analytics/analytics_store.h"

#include <QTemporaryDir>

namespace chippy::analytics::test {

enum class StoreKind { Sqlite, OpenSearch };

// CHIPPY_ANALYTICS_STORE: "opensearch" or, by default, "sqlite".
StoreKind storeKindFromEnvironment();

// A fresh store of one kind for one test: its own index name, its own SQLite file, and on
// OpenSearch the node of the opensearch fixture. Removes its index and template when done.
class StoreUnderTest
{
public:
    explicit StoreUnderTest(StoreKind kind);
    ~StoreUnderTest();
    StoreUnderTest(const StoreUnderTest &) = delete;
    StoreUnderTest &operator=(const StoreUnderTest &) = delete;

    // Empty when the store can be opened, else why not.
    QString problem() const { return m_problem; }
    StoreKind kind() const { return m_kind; }
    const AnalyticsSettings &settings() const { return m_settings; }
    AnalyticsSettings &settings() { return m_settings; }
    std::unique_ptr<AnalyticsStore> open() const { return openAnalyticsStore(m_settings); }

    // What prepare() should have made and did not, or empty: the tables and their indexes in WAL
    // mode, or the index template with one shard, no replicas and typed fields.
    QString missingSchema() const;

private:
    StoreKind m_kind;
    QTemporaryDir m_dir;
    AnalyticsSettings m_settings;
    QString m_problem;
};

// The ids OpenSearch at url does not hold in index, asked with _mget in chunks.
QStringList idsMissingFromOpenSearch(
    const QString &url, const QString &index, const QStringList &ids, QString *error);

} // namespace chippy::analytics::test
