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
        QUrl url(parser.value(QStringLiteral("analytics")));
        if (!url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.host().isEmpty()) {
            *error = QStringLiteral("--analytics needs an http:// or https:// URL of OpenSearch");
            return std::nullopt;
        }
        o.analytics.user = url.userName();
        o.analytics.password = url.password();
        // StripTrailingSlash keeps a lone "/", which would double the slash before _bulk.
        QString path = url.path();
        while (path.endsWith(QLatin1Char('/'))) {
            path.chop(1);
        }
        url.setPath(path);
        o.analytics.url = url.adjusted(QUrl::RemoveUserInfo).toString();
    }
    if (parser.isSet(QStringLiteral("analytics-user"))) {
        o.analytics.user = parser.value(QStringLiteral("analytics-user"));
    }
    if (environment.contains(QStringLiteral("CHIPPY_ANALYTICS_PASSWORD"))) {
        o.analytics.password = environment.value(QStringLiteral("CHIPPY_ANALYTICS_PASSWORD"));
    }
    o.analytics.caFile = parser.value(QStringLiteral("analytics-ca"));
    if (parser.isSet(QStringLiteral("ledger"))) {
        QString dsn = parser.value(QStringLiteral("ledger"));
        const QString password = environment.value(QStringLiteral("CHIPPY_LEDGER_PASSWORD"));
        if (dsn.startsWith(QLatin1String("postgres")) && !password.isEmpty()) {
            QUrl url(dsn);
            url.setPassword(password);
            dsn = url.toString();
        }
        o.ledger.dsn = dsn;
    }
    return o;
}

} // namespace chippy::app
