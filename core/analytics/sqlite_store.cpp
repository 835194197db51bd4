#include "analytics/sqlite_store.h"
#include "analytics/analytics_log.h"
#include "analytics/sqlite_figures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

namespace chippy::analytics {

namespace {

static constexpr int kBusyTimeoutMs = 10000;
static constexpr qint64 kMemoryMapBytes = 256 * 1024 * 1024;

QString uniqueConnectionName()
{
    static std::atomic<quint64> next {0};
    return QStringLiteral("chippy-analytics-%1").arg(next++);
}

bool fail(QString *error, const QString &what, const QSqlError &sqlError)
{
    if (error) {
        *error = what + QStringLiteral(": ") + sqlError.text();
    }
    return false;
}

QVariant nullWhenNegative(qint64 value)
{
    return value < 0 ? QVariant() : QVariant(value);
}

QString itemsJson(const QStringList &items)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact));
}

// Only orders placed and portions wasted are figured per item.
bool countsItems(EventDocument::Stage stage)
{
    return stage == EventDocument::Stage::Placed || stage == EventDocument::Stage::Waste;
}

} // namespace

SqliteStore::SqliteStore(const AnalyticsSettings &settings)
    : m_settings(settings)
    , m_schema(settings.index)
    , m_connectionName(uniqueConnectionName())
{ }

SqliteStore::~SqliteStore()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString SqliteStore::describe() const
{
    return QStringLiteral("embedded SQLite (%1, table %2)")
        .arg(m_settings.sqlitePath, SqliteSchema::identifier(m_settings.index));
}

bool SqliteStore::open(QString *error)
{
    if (m_db.isOpen()) {
        return true;
    }
    if (m_settings.sqlitePath.isEmpty()) {
        if (error) {
            *error = QStringLiteral("the embedded analytics store has no file path");
        }
        return false;
    }
    if (!m_db.isValid()) {
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        m_db.setDatabaseName(m_settings.sqlitePath);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
    }
    if (!m_db.open()) {
        return fail(
            error, QStringLiteral("cannot open %1").arg(m_settings.sqlitePath), m_db.lastError());
    }
    QSqlQuery pragma(m_db);
    // Chart queries read the indexes straight from the OS's page cache, shared by the
    // statistician's and the charts' connections, instead of copying pages into each.
    const auto mmap = QStringLiteral("PRAGMA mmap_size=%1").arg(kMemoryMapBytes).toLatin1();
    for (const auto *statement :
        {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", mmap.constData()}) {
        if (!pragma.exec(QString::fromLatin1(statement))) {
            return fail(error, QString::fromLatin1(statement), pragma.lastError());
        }
    }
    qCDebug(lcAnalytics) << "opened" << describe();
    return true;
}

bool SqliteStore::prepare(QString *error)
{
    if (!open(error)) {
        return false;
    }
    QSqlQuery query(m_db);
    for (const auto &statement : m_schema.createStatements()) {
        if (!query.exec(statement)) {
            return fail(
                error, QStringLiteral("cannot create the analytics tables"), query.lastError());
        }
    }
    return true;
}

bool SqliteStore::write(const QList<EventDocument> &documents, QString *error)
{
    if (!open(error)) {
        return false;
    }
    if (!m_db.transaction()) {
        return fail(error, QStringLiteral("cannot begin a write"), m_db.lastError());
    }
    QSqlQuery upsert(m_db);
    QSqlQuery removeItems(m_db);
    QSqlQuery insertItem(m_db);
    const bool prepared
        = upsert.prepare(QStringLiteral("INSERT OR REPLACE INTO %1 (id, stage, topic, "
                                        "recordPartition, recordOffset, timestampMs, "
                                        "orderNumber, queue, items, pricePence, prepMs) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                             .arg(m_schema.documents))
        && removeItems.prepare(
            QStringLiteral("DELETE FROM %1 WHERE documentId = ?").arg(m_schema.items))
        && insertItem.prepare(QStringLiteral("INSERT INTO %1 (documentId, stage, timestampMs, "
                                             "item, portions) VALUES (?, ?, ?, ?, ?)")
                                  .arg(m_schema.items));
    if (!prepared) {
        const auto sqlError = upsert.lastError().isValid() ? upsert.lastError()
            : removeItems.lastError().isValid()            ? removeItems.lastError()
                                                           : insertItem.lastError();
        m_db.rollback();
        return fail(error, QStringLiteral("cannot write analytics documents"), sqlError);
    }
    for (const auto &document : documents) {
        const auto id = document.id();
        const int stage = static_cast<int>(document.stage);
        const QVariantList values {id, stage, document.topic, document.partition, document.offset,
            document.timestampMs, document.order, nullWhenNegative(document.queue),
            itemsJson(document.items), document.pricePence, nullWhenNegative(document.prepMs)};
        for (int i = 0; i < values.size(); ++i) {
            upsert.bindValue(i, values.at(i));
        }
        removeItems.bindValue(0, id);
        if (!upsert.exec() || !removeItems.exec()) {
            const auto sqlError
                = upsert.lastError().isValid() ? upsert.lastError() : removeItems.lastError();
            m_db.rollback();
            return fail(error, QStringLiteral("cannot write document %1").arg(id), sqlError);
        }
        if (!countsItems(document.stage)) {
            continue;
        }
        const auto portions = document.portionsPerItem();
        for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
            insertItem.bindValue(0, id);
            insertItem.bindValue(1, stage);
            insertItem.bindValue(2, document.timestampMs);
            insertItem.bindValue(3, it.key());
            insertItem.bindValue(4, it.value());
            if (!insertItem.exec()) {
                const auto sqlError = insertItem.lastError();
                m_db.rollback();
                return fail(
                    error, QStringLiteral("cannot write the items of %1").arg(id), sqlError);
            }
        }
    }
    if (!m_db.commit()) {
        const auto sqlError = m_db.lastError();
        m_db.rollback();
        return fail(error, QStringLiteral("cannot commit analytics documents"), sqlError);
    }
    return true;
}

bool SqliteStore::sync(QString *error)
{
    // A committed transaction is already visible to every connection.
    return open(error);
}

std::optional<Figures> SqliteStore::figures(const FigureQuery &query, QString *error)
{
    if (!open(error)) {
        return std::nullopt;
    }
    return SqliteFigures(m_db, m_schema).compute(query, error);
}

std::optional<qint64> SqliteStore::documentCount(QString *error)
{
    if (!open(error)) {
        return std::nullopt;
    }
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(m_schema.documents))
        || !query.next()) {
        fail(error, QStringLiteral("cannot count analytics documents"), query.lastError());
        return std::nullopt;
    }
    return query.value(0).toLongLong();
}

} // namespace chippy::analytics
