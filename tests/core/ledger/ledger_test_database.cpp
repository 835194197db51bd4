#include "ledger_test_database.h"

#include "postgres_database.h"
#include "real_servers.h"

#include <QFile>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>

namespace chippy::test {

namespace {

QString sqlError(const QSqlError &error)
{
    return error.text().simplified();
}

// Runs sql on the named connection.
bool execOn(const QString &connection, const QString &sql, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(connection));
    if (!query.exec(sql)) {
        *error = QStringLiteral("%1: %2").arg(sql, sqlError(query.lastError()));
        return false;
    }
    return true;
}

// A loopback port nobody listens on: taken from the kernel and handed back.
int closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

LedgerTestDatabase::LedgerTestDatabase()
    : m_postgres(
        QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_LEDGER_DATABASE"))
        == QLatin1String("postgresql"))
    , m_connection(QStringLiteral("ledger-test-admin"))
{ }

LedgerTestDatabase::~LedgerTestDatabase()
{
    drop();
}

QString LedgerTestDatabase::kindName() const
{
    return m_postgres ? QStringLiteral("PostgreSQL") : QStringLiteral("SQLite");
}

bool LedgerTestDatabase::create(QString *error)
{
    if (!m_postgres) {
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid()) {
            *error = QStringLiteral("no temporary folder: ") + m_dir->errorString();
            return false;
        }
        m_name = m_dir->filePath(QStringLiteral("ledger.db"));
        QFile plainFile(m_dir->filePath(QStringLiteral("plain-file")));
        if (!plainFile.open(QIODevice::WriteOnly)) {
            *error = plainFile.errorString();
            return false;
        }
        return openAdminConnection(error);
    }
    const RealPostgres server = realPostgres();
    if (!server.running()) {
        *error = server.error;
        return false;
    }
    const auto name = createPostgresDatabase(server, error);
    if (!name) {
        return false;
    }
    m_name = *name;
    return openAdminConnection(error);
}

bool LedgerTestDatabase::openAdminConnection(QString *error)
{
    if (m_postgres) {
        return openPostgres(realPostgres(), m_connection, m_name, error);
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_name);
    if (!db.open()) {
        *error = sqlError(db.lastError());
        return false;
    }
    return true;
}

void LedgerTestDatabase::drop()
{
    if (m_name.isEmpty()) {
        return;
    }
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
    if (m_postgres) {
        const RealPostgres server = realPostgres();
        {
            auto admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_connection);
            admin.setHostName(server.host);
            admin.setPort(server.port);
            admin.setUserName(server.user);
            admin.setPassword(server.password);
            admin.setDatabaseName(server.database);
            QString error;
            if (!admin.open()
                || !execOn(m_connection,
                    QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name),
                    &error)) {
                qWarning("could not drop the test database %s: %s", qPrintable(m_name),
                    qPrintable(error + sqlError(admin.lastError())));
            }
            admin.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_dir.reset();
    m_name.clear();
}

QString LedgerTestDatabase::dsn() const
{
    if (m_postgres) {
        return realPostgres().dsn(m_name);
    }
    return QStringLiteral("sqlite:") + m_name;
}

QString LedgerTestDatabase::dsnWithWrongPassword() const
{
    RealPostgres server = realPostgres();
    server.password = QStringLiteral("not-") + server.password;
    return server.dsn(m_name);
}

QString LedgerTestDatabase::unreachableDsn() const
{
    if (m_postgres) {
        RealPostgres server = realPostgres();
        server.port = closedPort();
        return server.dsn(m_name);
    }
    // The ledger's file would have to be in a folder where a regular file is.
    return QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("plain-file/ledger.db"));
}

QString LedgerTestDatabase::password() const
{
    return m_postgres ? realPostgres().password : QString();
}

bool LedgerTestDatabase::exec(const QString &sql, QString *error)
{
    return execOn(m_connection, sql, error);
}

qint64 LedgerTestDatabase::scalar(const QString &sql, QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    if (!query.exec(sql) || !query.next()) {
        *error = QStringLiteral("%1: %2").arg(sql, sqlError(query.lastError()));
        return -1;
    }
    return query.value(0).toLongLong();
}

bool LedgerTestDatabase::dropLedgerTables(QString *error)
{
    for (const char *table : {"sales", "portions", "reader_offsets"}) {
        if (!exec(QStringLiteral("DROP TABLE IF EXISTS %1").arg(QLatin1String(table)), error)) {
            return false;
        }
    }
    return true;
}

} // namespace chippy::test
