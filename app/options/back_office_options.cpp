#include "back_office_options.h"

#include <QCommandLineParser>
#include <QProcessEnvironment>
#include <QUrl>

namespace chippy::app {

void BackOfficeOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("analytics"),
            QStringLiteral("Send the statistician's documents to the OpenSearch at this URL "
                           "(the password, if any, from CHIPPY_ANALYTICS_PASSWORD)."),
            QStringLiteral("url")},
        {QStringLiteral("analytics-user"), QStringLiteral("User name for OpenSearch."),
            QStringLiteral("name")},
        {QStringLiteral("analytics-ca"),
            QStringLiteral("Trust the certificate authority in this PEM file for OpenSearch."),
            QStringLiteral("file")},
        {QStringLiteral("ledger"),
            QStringLiteral("Keep the accountant's and stockist's books here: sqlite:FILE or "
                           "postgresql://user@host:port/database (the password from "
                           "CHIPPY_LEDGER_PASSWORD)."),
            QStringLiteral("dsn")},
    });
}

std::optional<BackOfficeOptions> BackOfficeOptions::from(
    const QCommandLineParser &parser, QString *error)
{
    BackOfficeOptions o;
    const auto environment = QProcessEnvironment::systemEnvironment();
    if (parser.isSet(QStringLiteral("analytics"))) {
        const auto openSearch = openSearchAt(parser.value(QStringLiteral("analytics")), error);
        if (!openSearch) {
            *error = QStringLiteral("--analytics needs %1").arg(*error);
            return std::nullopt;
        }
        o.analytics = *openSearch;
    }
    if (parser.isSet(QStringLiteral("analytics-user"))) {
        o.analytics.user = parser.value(QStringLiteral("analytics-user"));
    }
    if (environment.contains(QStringLiteral("CHIPPY_ANALYTICS_PASSWORD"))) {
        o.analytics.password = environment.value(QStringLiteral("CHIPPY_ANALYTICS_PASSWORD"));
    }
    o.analytics.caFile = parser.value(QStringLiteral("analytics-ca"));
    if (parser.isSet(QStringLiteral("ledger"))) {
        o.ledger.dsn = ledgerWithPassword(parser.value(QStringLiteral("ledger")),
            environment.value(QStringLiteral("CHIPPY_LEDGER_PASSWORD")));
    }
    return o;
}

std::optional<analytics::AnalyticsSettings> BackOfficeOptions::openSearchAt(
    const QString &text, QString *error)
{
    QUrl url(text);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty()) {
        *error = QStringLiteral("an http:// or https:// URL of OpenSearch");
        return std::nullopt;
    }
    analytics::AnalyticsSettings settings;
    settings.user = url.userName();
    settings.password = url.password();
    // StripTrailingSlash keeps a lone "/", which would double the slash before _bulk.
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/'))) {
        path.chop(1);
    }
    url.setPath(path);
    settings.url = url.adjusted(QUrl::RemoveUserInfo).toString();
    return settings;
}

QString BackOfficeOptions::ledgerWithPassword(const QString &dsn, const QString &password)
{
    if (!dsn.startsWith(QLatin1String("postgres")) || password.isEmpty()) {
        return dsn;
    }
    QUrl url(dsn);
    url.setPassword(password);
    return url.toString();
}

} // namespace chippy::app
