#include "store_under_test.h"

#include "analytics/opensearch_client.h"
#include "analytics/sqlite_schema.h"
#include "analytics_test_data.h"
#include "real_servers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>

namespace chippy::analytics::test {

namespace {

static constexpr int kIdsPerMget = 1000;

QString sqliteMissingSchema(const AnalyticsSettings &settings)
{
    const auto connection = QStringLiteral("schema-check-") + settings.index;
    QString missing;
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(settings.sqlitePath);
        if (!db.open()) {
            missing = QStringLiteral("cannot open ") + settings.sqlitePath;
        } else {
            QSqlQuery query(db);
            QStringList objects;
            query.exec(QStringLiteral("SELECT name FROM sqlite_master"));
            while (query.next()) {
                objects.append(query.value(0).toString());
            }
            const auto table = SqliteSchema::identifier(settings.index);
            for (const auto &name :
                {table, table + QStringLiteral("_items"), table + QStringLiteral("_by_stage_time"),
                    table + QStringLiteral("_by_stage_prep"),
                    table + QStringLiteral("_by_stage_queue"),
                    table + QStringLiteral("_items_by_stage_item")}) {
                if (!objects.contains(name)) {
                    missing += QStringLiteral("no %1 in %2; ")
                                   .arg(name, objects.join(QLatin1Char(',')));
                }
            }
            query.exec(QStringLiteral("PRAGMA journal_mode"));
            if (!query.next() || query.value(0).toString() != QLatin1String("wal")) {
                missing += QStringLiteral("not in WAL mode");
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return missing;
}

QString openSearchMissingSchema(const AnalyticsSettings &settings)
{
    OpenSearchClient client(settings);
    const auto reply = client.send("GET", QStringLiteral("/_index_template/") + settings.index);
    if (!reply.ok()) {
        return reply.failure;
    }
    const auto templ = reply.json()
                           .value(QStringLiteral("index_templates"))
                           .toArray()
                           .first()
                           .toObject()
                           .value(QStringLiteral("index_template"))
                           .toObject();
    QString missing;
    if (templ.value(QStringLiteral("index_patterns")).toArray() != QJsonArray {settings.index}) {
        missing += QStringLiteral("pattern is not the index name; ");
    }
    const auto inner = templ.value(QStringLiteral("template")).toObject();
    const auto index = inner.value(QStringLiteral("settings"))
                           .toObject()
                           .value(QStringLiteral("index"))
                           .toObject();
    if (index.value(QStringLiteral("number_of_replicas")).toString() != QLatin1String("0")
        || index.value(QStringLiteral("number_of_shards")).toString() != QLatin1String("1")) {
        missing += QStringLiteral("not one shard without replicas; ");
    }
    const auto properties = inner.value(QStringLiteral("mappings"))
                                .toObject()
                                .value(QStringLiteral("properties"))
                                .toObject();
    const QList<QPair<const char *, const char *>> types {{"stage", "keyword"},
        {"items", "keyword"}, {"timestampMs", "date"}, {"pricePence", "long"}, {"prepMs", "long"},
        {"queue", "integer"}, {"portions", "nested"}};
    for (const auto &[field, type] : types) {
        const auto actual = properties.value(QLatin1String(field))
                                .toObject()
                                .value(QStringLiteral("type"))
                                .toString();
        if (actual != QLatin1String(type)) {
            missing += QStringLiteral("%1 is '%2', not %3; ")
                           .arg(QLatin1String(field), actual, QLatin1String(type));
        }
    }
    return missing;
}

} // namespace

StoreKind storeKindFromEnvironment()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_ANALYTICS_STORE"))
            == QLatin1String("opensearch")
        ? StoreKind::OpenSearch
        : StoreKind::Sqlite;
}

StoreUnderTest::StoreUnderTest(StoreKind kind)
    : m_kind(kind)
{
    m_settings.index = uniqueIndexName();
    m_settings.sqlitePath = m_dir.filePath(QStringLiteral("analytics.sqlite"));
    if (kind == StoreKind::OpenSearch) {
        const auto search = chippy::test::realOpenSearch();
        m_problem = search.error;
        m_settings.url = search.url;
    }
}

StoreUnderTest::~StoreUnderTest()
{
    if (m_kind == StoreKind::OpenSearch && m_problem.isEmpty()) {
        OpenSearchClient client(m_settings);
        client.send("DELETE", QStringLiteral("/") + m_settings.index);
        client.send("DELETE", QStringLiteral("/_index_template/") + m_settings.index);
    }
}

QString StoreUnderTest::missingSchema() const
{
    return m_kind == StoreKind::OpenSearch ? openSearchMissingSchema(m_settings)
                                           : sqliteMissingSchema(m_settings);
}

QStringList idsMissingFromOpenSearch(
    const QString &url, const QString &index, const QStringList &ids, QString *error)
{
    AnalyticsSettings settings;
    settings.url = url;
    settings.index = index;
    settings.requestTimeoutMs = 60000;
    OpenSearchClient client(settings);
    QStringList missing;
    for (qsizetype from = 0; from < ids.size(); from += kIdsPerMget) {
        const auto chunk = ids.mid(from, kIdsPerMget);
        const QJsonObject request {{QStringLiteral("ids"), QJsonArray::fromStringList(chunk)}};
        const auto reply = client.send("POST", QStringLiteral("/%1/_mget?_source=false").arg(index),
            QJsonDocument(request).toJson(QJsonDocument::Compact));
        if (!reply.ok()) {
            if (error) {
                *error = reply.failure;
            }
            return chunk;
        }
        const auto docs = reply.json().value(QStringLiteral("docs")).toArray();
        for (const auto &doc : docs) {
            const auto object = doc.toObject();
            if (!object.value(QStringLiteral("found")).toBool()) {
                missing.append(object.value(QStringLiteral("_id")).toString());
            }
        }
        if (docs.size() != chunk.size()) {
            missing.append(
                QStringLiteral("(%1 answers for %2 ids)").arg(docs.size()).arg(chunk.size()));
        }
    }
    return missing;
}

} // namespace chippy::analytics::test
