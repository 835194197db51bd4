#pragma once

#include "headless_options.h"
#include "shop/events/rate_meter.h"
#include "shop/scenario/run_report.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTextStream>
#include <QTimer>

#include <memory>

namespace chippy::shop {
class ShopSession;
}

namespace chippy::app {

// `chippy --headless`: opens a shop session on the embedded broker (or a given cluster), plays
// a scenario, prints a progress line every second, then closes the tills, lets the shop drain
// and writes the report. Quits the event loop with the exit status when done.
class HeadlessRunner : public QObject
{
    Q_OBJECT

public:
    // Exit statuses: everything served, something lost or served twice, could not run.
    static constexpr int kClean = 0;
    static constexpr int kLostOrDuplicated = 1;
    static constexpr int kCouldNotRun = 2;

    explicit HeadlessRunner(HeadlessOptions options, QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Starts the run; the application's event loop carries it on.
    void start();

signals:
    void done(int exitStatus);

private:
    static constexpr int kProgressIntervalMs = 1000;
    static constexpr int kDrainCheckMs = 100;
    static constexpr int kBackOfficeCheckMs = 500;

    bool open(QString *error);
    void printProgress();
    void printEvents();
    void beginDrain();
    void checkDrain();
    // Once the shop is empty, the back office catches up with the log before the report.
    void checkBackOffice();
    void finish(const QString &error = {});

    HeadlessOptions m_options;
    QTextStream m_out;
    QTextStream m_err;
    std::unique_ptr<shop::ShopSession> m_session;
    int m_steps = 0;
    shop::RunReport m_report;
    shop::RateMeter m_rates;
    QElapsedTimer m_clock;
    QElapsedTimer m_drainClock;
    QTimer m_progress;
    QTimer m_drain;
    QTimer m_backOfficeCheck;
    bool m_drained = false;
};

} // namespace chippy::app
