#include "ledger/ledger_schema.h"

#include "ledger/ledger_connection.h"
#include "ledger/ledger_sql.h"

#include <QSqlDatabase>

namespace chippy::ledger {

namespace {

// Two ledgers opening one new PostgreSQL database at once would both create the tables and
// one would fail on the catalogue's unique index: they take turns on this advisory lock.
constexpr qint64 kSchemaLockKey = 0x4368697070794c; // "ChippyL"

// The same on SQLite and PostgreSQL: standard types, upserts keyed by the primary keys.
const char *const kTables[] = {
    "CREATE TABLE IF NOT EXISTS sales ("
    " order_id BIGINT NOT NULL PRIMARY KEY,"
    " queue INTEGER NOT NULL,"
    " price_pence INTEGER NOT NULL,"
    " timestamp_ms BIGINT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS portions ("
    " topic TEXT NOT NULL,"
    " order_id BIGINT NOT NULL,"
    " item TEXT NOT NULL,"
    " portions INTEGER NOT NULL,"
    " PRIMARY KEY (topic, order_id, item))",
    "CREATE TABLE IF NOT EXISTS reader_offsets ("
    " reader TEXT NOT NULL,"
    " topic TEXT NOT NULL,"
    " partition INTEGER NOT NULL,"
    " next_offset BIGINT NOT NULL,"
    " PRIMARY KEY (reader, topic, partition))",
};

bool createTables(LedgerConnection &connection, QString *reason)
{
    QSqlDatabase &db = connection.database();
    // "relation already exists, skipping" on every start is not news.
    if (connection.isPostgres()
        && (!runStatement(db, QStringLiteral("SET LOCAL client_min_messages TO warning"), reason)
            || !runStatement(db,
                QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kSchemaLockKey), reason))) {
        return false;
    }
    for (const char *sql : kTables) {
        if (!runStatement(db, QString::fromLatin1(sql), reason)) {
            return false;
        }
    }
    return true;
}

} // namespace

bool createLedgerTables(LedgerConnection &connection, QString *reason)
{
    QSqlDatabase &db = connection.database();
    if (!db.transaction()) {
        *reason = reasonOf(db.lastError());
        return false;
    }
    if (!createTables(connection, reason)) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        *reason = reasonOf(db.lastError());
        db.rollback();
        return false;
    }
    return true;
}

} // namespace chippy::ledger
