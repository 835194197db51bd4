#pragma once

#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace chippy::ledger {

// A ledger address taken apart: which database, where, and as whom.
struct LedgerLocation
{
    enum class Kind { Sqlite, Postgres };

    Kind kind = Kind::Sqlite;
    QString path; // SQLite: the database file, absolute
    QString host; // PostgreSQL from here on
    int port = 0;
    QString user;
    QString password;
    QString database;
    QList<QPair<QString, QString>> options; // libpq connection options, connect_timeout first

    // "sqlite:PATH" or "postgresql://user:password@host:port/database?option=value"
    // (percent-encoded); nothing, with the reason in words, for anything else.
    static std::optional<LedgerLocation> parse(const QString &dsn, QString *error);

    // "embedded SQLite (PATH)" or "PostgreSQL at host:port/database".
    QString describe() const;
    // text with the password, as given or percent-encoded, blanked out.
    QString withoutPassword(const QString &text) const;
    // The options as QPSQL's connect options: "key='value';key='value'".
    QString connectOptions() const;
};

} // namespace chippy::ledger
