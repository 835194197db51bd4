#include "analytics_poller.h"

#include "analytics_feed.h"
#include "analytics_worker.h"

#include <QDateTime>
#include <QThread>

namespace chippy::gui {

AnalyticsPoller::AnalyticsPoller(AnalyticsFeed *feed, QObject *parent)
    : QObject(parent)
    , m_feed(feed)
{
    qRegisterMetaType<shop::BackOfficeTotals>();
}

AnalyticsPoller::~AnalyticsPoller()
{
    stop();
}

void AnalyticsPoller::follow(const QStringList &backOffice,
    const analytics::AnalyticsSettings &analytics, const ledger::LedgerSettings &ledger)
{
    const bool figures = backOffice.contains(QStringLiteral("statistician"));
    const bool books = backOffice.contains(QStringLiteral("accountant"))
        || backOffice.contains(QStringLiteral("stockist"));
    m_feed->setActive(figures, books);
    if (!figures && !books) {
        return;
    }
    if (!m_worker) {
        m_thread = new QThread(this);
        m_thread->setObjectName(QStringLiteral("analytics"));
        m_worker = new AnalyticsWorker(analytics, ledger);
        m_worker->moveToThread(m_thread);
        connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        connect(m_worker, &AnalyticsWorker::read, m_feed,
            [feed = m_feed](const shop::BackOfficeTotals &totals) {
                feed->apply(totals, QDateTime::currentMSecsSinceEpoch());
            });
        m_thread->start();
    }
    AnalyticsWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, figures, books] { worker->watch(figures, books); }, Qt::QueuedConnection);
}

void AnalyticsPoller::stop()
{
    if (!m_thread) {
        return;
    }
    disconnect(m_worker, nullptr, m_feed, nullptr);
    AnalyticsWorker *worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
}

} // namespace chippy::gui
