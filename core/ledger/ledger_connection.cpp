#include "ledger/ledger_connection.h"

#include "ledger/ledger_log.h"
#include "ledger/ledger_sql.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>

#include <atomic>

namespace chippy::ledger {

namespace {

// The accountant and the stockist write to one SQLite file from two threads: each waits
// this long for the other's transaction instead of failing at once.
constexpr int kSqliteBusyTimeoutMs = 10000;

QString uniqueConnectionName()
{
    static std::atomic<quint64> next {0};
    return QStringLiteral("chippy.ledger.%1").arg(next.fetch_add(1));
}

QString driverFor(const LedgerLocation &location)
{
    return location.kind == LedgerLocation::Kind::Postgres ? QStringLiteral("QPSQL")
                                                           : QStringLiteral("QSQLITE");
}

QString driverPackageFor(const LedgerLocation &location)
{
    return location.kind == LedgerLocation::Kind::Postgres ? QStringLiteral("libqt6sql6-psql")
                                                           : QStringLiteral("libqt6sql6-sqlite");
}

} // namespace

LedgerConnection::LedgerConnection(LedgerLocation location)
    : m_location(std::move(location))
    , m_name(uniqueConnectionName())
{
    if (QSqlDatabase::isDriverAvailable(driverFor(m_location))) {
        m_db = QSqlDatabase::addDatabase(driverFor(m_location), m_name);
    }
}

LedgerConnection::~LedgerConnection()
{
    const bool added = m_db.isValid();
    m_db.close();
    m_db = QSqlDatabase();
    if (added) {
        QSqlDatabase::removeDatabase(m_name);
    }
}

bool LedgerConnection::open(QString *error)
{
    if (!m_db.isValid()) {
        *error = QStringLiteral("the Qt %1 driver is not installed (Debian package %2)")
                     .arg(driverFor(m_location), driverPackageFor(m_location));
        return false;
    }
    if (m_db.isOpen()) {
        return true;
    }
    if (isPostgres()) {
        m_db.setHostName(m_location.host);
        m_db.setPort(m_location.port);
        m_db.setUserName(m_location.user);
        m_db.setPassword(m_location.password);
        m_db.setDatabaseName(m_location.database);
        m_db.setConnectOptions(m_location.connectOptions());
    } else {
        const QString folder = QFileInfo(m_location.path).absolutePath();
        if (!QDir().mkpath(folder)) {
            *error = QStringLiteral("cannot make the folder %1").arg(folder);
            return false;
        }
        m_db.setDatabaseName(m_location.path);
        m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kSqliteBusyTimeoutMs));
    }
    if (!m_db.open()) {
        *error = m_location.withoutPassword(reasonOf(m_db.lastError()));
        m_db.close();
        return false;
    }
    if (!isPostgres() && !configureSqlite(error)) {
        m_db.close();
        return false;
    }
    qCDebug(lcLedger) << "connected to" << m_location.describe() << "as" << m_name;
    return true;
}

bool LedgerConnection::configureSqlite(QString *error)
{
    // Write-ahead logging lets a reader (the charts) read while a ledger writes; a process
    // killed mid-transaction still leaves the last committed state.
    QString reason;
    if (!runStatement(m_db, QStringLiteral("PRAGMA journal_mode=WAL"), &reason)
        || !runStatement(m_db, QStringLiteral("PRAGMA synchronous=NORMAL"), &reason)) {
        *error = reason;
        return false;
    }
    return true;
}

bool LedgerConnection::isAlive()
{
    if (!m_db.isOpen()) {
        return false;
    }
    QString reason;
    if (runStatement(m_db, QStringLiteral("SELECT 1"), &reason)) {
        return true;
    }
    qCInfo(lcLedger).noquote() << "connection to" << m_location.describe()
                               << "lost:" << m_location.withoutPassword(reason);
    return false;
}

void LedgerConnection::close()
{
    m_db.close();
}

} // namespace chippy::ledger
