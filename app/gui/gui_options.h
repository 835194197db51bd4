#pragma once

#include "analytics/analytics_store.h"
#include "cabinet/cabinet.h"
#include "ledger/ledger.h"

#include <QSize>
#include <QString>

#include <optional>

class QCommandLineParser;

namespace chippy::gui {

// What the window was asked to do on the command line. The scenario, cluster, topic,
// back-office store and cabinet options are shared with the headless mode, which declares them.
struct GuiOptions
{
    QString scenario = QStringLiteral("model-1");
    int step = 0; // 0-based; --step counts from 1
    bool presenter = false;
    bool dark = false;
    bool fullScreen = false;
    QSize size; // empty: the window's own size
    QString screenshotPath; // set: save a grab of the window and quit
    double afterS = 0;
    QString profilePath;
    QString bootstrap;
    QString topicPrefix;
    // Where the statistician writes and the ledger is; the embedded SQLite ones when unset.
    analytics::AnalyticsSettings analytics;
    ledger::LedgerSettings ledger;
    // Model 6's hot cabinet: in-process unless --cabinet names a Redis.
    cabinet::CabinetSettings cabinet;

    // Adds the window's own options to the application's parser.
    static void addTo(QCommandLineParser &parser);
    // Reads them back after parsing; nothing, with the reason, when a value is wrong.
    static std::optional<GuiOptions> from(const QCommandLineParser &parser, QString *error);
};

} // namespace chippy::gui
