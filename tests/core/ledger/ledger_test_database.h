#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace chippy::test {

// The database one ledger test program writes to: a file in a temporary folder, or, with
// CHIPPY_LEDGER_DATABASE=postgresql, a database of its own (random name) on the postgres
// fixture's server, dropped again at the end.
class LedgerTestDatabase
{
public:
    LedgerTestDatabase();
    ~LedgerTestDatabase();

    bool isPostgres() const { return m_postgres; }
    QString kindName() const;

    // In initTestCase and cleanupTestCase.
    bool create(QString *error);
    void drop();

    QString dsn() const;
    // The same server with a wrong password (PostgreSQL only).
    QString dsnWithWrongPassword() const;
    // A server that is not there: a closed loopback port, or a file below a regular file.
    QString unreachableDsn() const;
    QString password() const;
    QString databaseName() const { return m_name; }

    // SQL on this helper's own connection to the ledger's database, beside any Ledger.
    bool exec(const QString &sql, QString *error);
    // Any single number the query answers (a count), or -1 with the reason in *error.
    qint64 scalar(const QString &sql, QString *error);
    // Drops the ledger's tables (and their triggers) so that each case starts empty.
    bool dropLedgerTables(QString *error);

private:
    bool openAdminConnection(QString *error);

    bool m_postgres = false;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_name;
    QString m_connection;
};

} // namespace chippy::test
