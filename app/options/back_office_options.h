#pragma once

#include "analytics/analytics_store.h"
#include "ledger/ledger.h"

#include <optional>

class QCommandLineParser;

namespace chippy::app {

// Where the statistician writes (--analytics, --analytics-user, --analytics-ca) and where the
// accountant and stockist keep their books (--ledger), for the window and --headless alike.
// Passwords come from the environment (or the URL), never from a command line that others
// can read. Unset, the session uses the embedded SQLite stores.
struct BackOfficeOptions
{
    analytics::AnalyticsSettings analytics;
    ledger::LedgerSettings ledger;

    static void addTo(QCommandLineParser &parser);
    // Nothing, with the reason, when a value is wrong.
    static std::optional<BackOfficeOptions> from(const QCommandLineParser &parser, QString *error);

    // The OpenSearch at url, with the user and password the URL may carry taken out of it;
    // nothing, with the reason, when it is not an http(s) URL with a host.
    static std::optional<analytics::AnalyticsSettings> openSearchAt(
        const QString &url, QString *error);
    // A PostgreSQL DSN with the password put in; any other DSN as it is.
    static QString ledgerWithPassword(const QString &dsn, const QString &password);
};

} // namespace chippy::app
