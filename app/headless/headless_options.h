#pragma once

#include "analytics/analytics_store.h"
#include "cabinet/cabinet.h"
#include "ledger/ledger.h"

#include <QString>
#include <QStringList>

#include <optional>

class QCommandLineParser;

namespace chippy::app {

// What `chippy --headless` was asked to do.
struct HeadlessOptions
{
    static constexpr double kDefaultDrainTimeoutS = 30;

    QString scenario = QStringLiteral("model-1");
    double durationS = 0; // 0: the scenario's own length
    QString reportPath; // empty: print the report on standard output
    QString profilePath;
    QString bootstrap;
    QString dataDir; // embedded broker's log; empty: a temporary directory
    QString topicPrefix;
    std::optional<double> ordersPerSecond; // 0: as fast as the shop can
    quint32 seed = 1;
    double drainTimeoutS = kDefaultDrainTimeoutS;
    // Where the statistician writes and the ledger is; the embedded SQLite ones when unset.
    analytics::AnalyticsSettings analytics;
    ledger::LedgerSettings ledger;
    // The hot cabinet from model 6: in-process unless --cabinet names a Redis; its password
    // comes from CHIPPY_CABINET_PASSWORD, never from the command line.
    cabinet::CabinetSettings cabinet;

    // Adds the headless options to the application's parser.
    static void addTo(QCommandLineParser &parser);
    // Reads them back after parsing; nothing, with the reason, when a value is wrong.
    static std::optional<HeadlessOptions> from(const QCommandLineParser &parser, QString *error);
};

} // namespace chippy::app
