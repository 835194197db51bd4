#pragma once

#include "ledger/ledger_location.h"

#include <QSqlDatabase>
#include <QString>

namespace chippy::ledger {

// One QtSql connection of its own, under a name no other object uses, removed with this
// object. It is used by the thread that made it.
class LedgerConnection
{
public:
    explicit LedgerConnection(LedgerLocation location);
    ~LedgerConnection();
    LedgerConnection(const LedgerConnection &) = delete;
    LedgerConnection &operator=(const LedgerConnection &) = delete;

    // Opens the connection if it is not open; the reason in words, without the password,
    // when it cannot.
    bool open(QString *error);
    // False when the server has ended the connection (or it is closed).
    bool isAlive();
    // The next open() makes a new connection.
    void close();

    QSqlDatabase &database() { return m_db; }
    const LedgerLocation &location() const { return m_location; }
    bool isPostgres() const { return m_location.kind == LedgerLocation::Kind::Postgres; }

private:
    bool configureSqlite(QString *error);

    LedgerLocation m_location;
    QString m_name;
    QSqlDatabase m_db;
};

} // namespace chippy::ledger
