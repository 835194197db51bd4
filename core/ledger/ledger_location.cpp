#include "ledger/ledger_location.h"

#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace chippy::ledger {

namespace {

constexpr int kDefaultPostgresPort = 5432;
// An unreachable server is reported within seconds, not after the kernel's TCP timeout.
constexpr auto kDefaultConnectTimeoutSeconds = "5";
constexpr auto kApplicationName = "chippy-ledger";

const QString kSqlitePrefix = QStringLiteral("sqlite:");

void setError(QString *error, const QString &reason)
{
    if (error) {
        *error = reason;
    }
}

QString usage()
{
    return QStringLiteral("use sqlite:PATH or postgresql://user:password@host:port/database");
}

std::optional<LedgerLocation> parseSqlite(const QString &dsn, QString *error)
{
    const QString path = dsn.mid(kSqlitePrefix.size());
    if (path.isEmpty()) {
        setError(error, QStringLiteral("the ledger address \"sqlite:\" names no file: ") + usage());
        return std::nullopt;
    }
    LedgerLocation location;
    location.kind = LedgerLocation::Kind::Sqlite;
    location.path = QFileInfo(path).absoluteFilePath();
    return location;
}

bool hasOption(const LedgerLocation &location, const QString &key)
{
    for (const auto &option : location.options) {
        if (option.first == key) {
            return true;
        }
    }
    return false;
}

std::optional<LedgerLocation> parsePostgres(const QString &dsn, QString *error)
{
    const QUrl url(dsn, QUrl::StrictMode);
    // Never echo the address itself: it holds the password.
    if (!url.isValid()) {
        setError(
            error, QStringLiteral("the PostgreSQL ledger address is not a valid URL: ") + usage());
        return std::nullopt;
    }
    LedgerLocation location;
    location.kind = LedgerLocation::Kind::Postgres;
    location.host = url.host(QUrl::FullyDecoded);
    location.port = url.port(kDefaultPostgresPort);
    location.user = url.userName(QUrl::FullyDecoded);
    location.password = url.password(QUrl::FullyDecoded);
    location.database = url.path(QUrl::FullyDecoded).mid(1);
    if (location.host.isEmpty()) {
        setError(error, QStringLiteral("the PostgreSQL ledger address names no host: ") + usage());
        return std::nullopt;
    }
    if (location.database.isEmpty() || location.database.contains(QLatin1Char('/'))) {
        setError(error,
            QStringLiteral("the PostgreSQL ledger address names no database after the port: ")
                + usage());
        return std::nullopt;
    }
    static const QRegularExpression optionKey(QStringLiteral("^[a-z_]+$"));
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        // QPSQL separates its options with ';' and libpq names them in lower case.
        if (!optionKey.match(key).hasMatch() || value.contains(QLatin1Char(';'))) {
            setError(error,
                QStringLiteral("the PostgreSQL ledger address has an option that is not a "
                               "libpq connection option: \"%1\"")
                    .arg(key));
            return std::nullopt;
        }
        location.options.append({key, value});
    }
    if (!hasOption(location, QStringLiteral("connect_timeout"))) {
        location.options.prepend({QStringLiteral("connect_timeout"),
            QString::fromLatin1(kDefaultConnectTimeoutSeconds)});
    }
    if (!hasOption(location, QStringLiteral("application_name"))) {
        location.options.append(
            {QStringLiteral("application_name"), QString::fromLatin1(kApplicationName)});
    }
    return location;
}

} // namespace

std::optional<LedgerLocation> LedgerLocation::parse(const QString &dsn, QString *error)
{
    if (dsn.startsWith(kSqlitePrefix)) {
        return parseSqlite(dsn, error);
    }
    const QString scheme = dsn.section(QLatin1Char(':'), 0, 0);
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        return parsePostgres(dsn, error);
    }
    if (!dsn.contains(QLatin1Char(':'))) {
        setError(error, QStringLiteral("the ledger address has no scheme: ") + usage());
    } else {
        setError(error,
            QStringLiteral("the ledger address has an unknown scheme \"%1\": ").arg(scheme)
                + usage());
    }
    return std::nullopt;
}

QString LedgerLocation::describe() const
{
    if (kind == Kind::Sqlite) {
        return QStringLiteral("embedded SQLite (%1)").arg(path);
    }
    return QStringLiteral("PostgreSQL at %1:%2/%3").arg(host).arg(port).arg(database);
}

QString LedgerLocation::withoutPassword(const QString &text) const
{
    if (password.isEmpty()) {
        return text;
    }
    static const auto blank = QStringLiteral("********");
    QString result = text;
    result.replace(password, blank);
    result.replace(QString::fromUtf8(QUrl::toPercentEncoding(password)), blank);
    return result;
}

QString LedgerLocation::connectOptions() const
{
    QStringList parts;
    for (const auto &[key, value] : options) {
        QString quoted = value;
        quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
        quoted.replace(QLatin1Char('\''), QLatin1String("\\'"));
        parts << QStringLiteral("%1='%2'").arg(key, quoted);
    }
    return parts.join(QLatin1Char(';'));
}

} // namespace chippy::ledger
