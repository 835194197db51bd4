#pragma once

#include "real_servers.h"

#include <QString>

#include <optional>

namespace chippy::test {

// Opens a QtSql connection of this name to a database on the postgres fixture's server (its
// own default database when database is empty); false with the reason.
bool openPostgres(
    const RealPostgres &server, const QString &connection, const QString &database, QString *error);

// Makes a database of the caller's own on the fixture's server, so tests never share tables;
// its name, or nothing with the reason.
std::optional<QString> createPostgresDatabase(const RealPostgres &server, QString *error);

} // namespace chippy::test
