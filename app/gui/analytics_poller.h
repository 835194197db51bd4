#pragma once

#include "analytics/analytics_store.h"
#include "ledger/ledger.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QThread;

namespace chippy::gui {

class AnalyticsFeed;
class AnalyticsWorker;

// Owns the thread the analytics worker asks the back office's stores on, from the moment the
// first back-office reader joins until the shop closes; its readings go to the feed on the
// GUI thread.
class AnalyticsPoller : public QObject
{
    Q_OBJECT

public:
    AnalyticsPoller(AnalyticsFeed *feed, QObject *parent = nullptr);
    ~AnalyticsPoller() override;

    // The back office as the session reports it: starts the worker on the session's stores
    // once someone joined, and tells it which stores to ask.
    void follow(const QStringList &backOffice, const analytics::AnalyticsSettings &analytics,
        const ledger::LedgerSettings &ledger);
    // Stops the worker; its thread ends in the background (the poller waits for it when it goes).
    void stop();

private:
    AnalyticsFeed *m_feed;
    QThread *m_thread = nullptr;
    AnalyticsWorker *m_worker = nullptr;
    QList<QPointer<QThread>> m_retiring;
    // Goes up when the worker stops: a reading it sent before, still queued, is dropped.
    quint64 m_epoch = 0;
};

} // namespace chippy::gui
