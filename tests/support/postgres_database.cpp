#include "postgres_database.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace chippy::test {

bool openPostgres(
    const RealPostgres &server, const QString &connection, const QString &database, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    db.setHostName(server.host);
    db.setPort(server.port);
    db.setUserName(server.user);
    db.setPassword(server.password);
    db.setDatabaseName(database.isEmpty() ? server.database : database);
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    return true;
}

std::optional<QString> createPostgresDatabase(const RealPostgres &server, QString *error)
{
    const QString name
        = QStringLiteral("test_%1").arg(QRandomGenerator::global()->generate64(), 0, 36);
    const QString connection = QStringLiteral("create-") + name;
    bool created = false;
    if (openPostgres(server, connection, {}, error)) {
        QSqlQuery query(QSqlDatabase::database(connection, false));
        created = query.exec(QStringLiteral("CREATE DATABASE %1").arg(name));
        if (!created) {
            *error = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return created ? std::optional<QString>(name) : std::nullopt;
}

} // namespace chippy::test
