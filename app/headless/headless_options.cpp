#include "headless_options.h"

#include "back_office_options.h"
#include "cabinet_options.h"

#include <QCommandLineParser>

namespace chippy::app {

void HeadlessOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("headless"), QStringLiteral("Run a scenario without a window.")},
        {QStringLiteral("scenario"),
            QStringLiteral("The scenario to run: a built-in name or a file."),
            QStringLiteral("name")},
        {QStringLiteral("list-scenarios"), QStringLiteral("List the built-in scenarios.")},
        {QStringLiteral("duration"),
            QStringLiteral("How long the customers keep coming, in seconds."),
            QStringLiteral("seconds")},
        {QStringLiteral("report"), QStringLiteral("Write the JSON report to this file."),
            QStringLiteral("file")},
        {QStringLiteral("profile"),
            QStringLiteral("Use the cluster of this client.properties file."),
            QStringLiteral("file")},
        {QStringLiteral("bootstrap"), QStringLiteral("Use the cluster at these servers."),
            QStringLiteral("host:port")},
        {QStringLiteral("data-dir"),
            QStringLiteral("Keep the embedded broker's log in this directory."),
            QStringLiteral("dir")},
        {QStringLiteral("topic-prefix"),
            QStringLiteral("Put this before every topic and group name."),
            QStringLiteral("prefix")},
        {QStringLiteral("rate"), QStringLiteral("Orders per second, or max."),
            QStringLiteral("rate")},
        {QStringLiteral("seed"), QStringLiteral("Seed of the customers' arrivals."),
            QStringLiteral("number")},
        {QStringLiteral("drain-timeout"),
            QStringLiteral("How long to wait for the last orders to be served, in seconds."),
            QStringLiteral("seconds")},
    });
    BackOfficeOptions::addTo(parser);
    CabinetOptions::addTo(parser);
}

std::optional<HeadlessOptions> HeadlessOptions::from(
    const QCommandLineParser &parser, QString *error)
{
    HeadlessOptions o;
    const auto positive = [&](const QString &name, double *out) {
        if (!parser.isSet(name)) {
            return true;
        }
        bool ok = false;
        const double value = parser.value(name).toDouble(&ok);
        if (!ok || value <= 0) {
            *error = QStringLiteral("--%1 needs a positive number of seconds").arg(name);
            return false;
        }
        *out = value;
        return true;
    };
    if (!positive(QStringLiteral("duration"), &o.durationS)
        || !positive(QStringLiteral("drain-timeout"), &o.drainTimeoutS)) {
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("scenario"))) {
        o.scenario = parser.value(QStringLiteral("scenario"));
    }
    o.reportPath = parser.value(QStringLiteral("report"));
    o.profilePath = parser.value(QStringLiteral("profile"));
    o.bootstrap = parser.value(QStringLiteral("bootstrap"));
    o.dataDir = parser.value(QStringLiteral("data-dir"));
    o.topicPrefix = parser.value(QStringLiteral("topic-prefix"));
    const auto stores = BackOfficeOptions::from(parser, error);
    if (!stores) {
        return std::nullopt;
    }
    o.analytics = stores->analytics;
    o.ledger = stores->ledger;
    const auto cabinet = CabinetOptions::from(parser, error);
    if (!cabinet) {
        return std::nullopt;
    }
    o.cabinet = *cabinet;
    if (!o.profilePath.isEmpty() && !o.bootstrap.isEmpty()) {
        *error = QStringLiteral("use either --profile or --bootstrap, not both");
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("rate"))) {
        const QString rate = parser.value(QStringLiteral("rate"));
        bool ok = false;
        const double value = rate.toDouble(&ok);
        if (rate == QLatin1String("max")) {
            o.ordersPerSecond = 0.0;
        } else if (ok && value > 0) {
            o.ordersPerSecond = value;
        } else {
            *error = QStringLiteral("--rate needs a positive number of orders a second or max");
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        o.seed = parser.value(QStringLiteral("seed")).toUInt(&ok);
        if (!ok) {
            *error = QStringLiteral("--seed needs a whole number");
            return std::nullopt;
        }
    }
    return o;
}

} // namespace chippy::app
