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
    for (const QPointer<QThread> &thread : std::as_const(m_retiring)) {
        if (thread) {
            thread->wait();
            delete thread.data();
        }
    }
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
        connect(m_worker, &AnalyticsWorker::read, this,
            [this, epoch = m_epoch](const shop::BackOfficeTotals &totals) {
                if (epoch == m_epoch) {
                    m_feed->apply(totals, QDateTime::currentMSecsSinceEpoch());
                }
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
    ++m_epoch;
    disconnect(m_worker, nullptr, this, nullptr);
    // A question to a store that does not answer may take a few seconds: the worker finishes
    // it in the background while the next shop opens.
    AnalyticsWorker *worker = m_worker;
    QThread *thread = m_thread;
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    QMetaObject::invokeMethod(
        worker,
        [worker] {
            worker->stop();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_retiring.removeAll(nullptr);
    m_retiring.append(thread);
    m_thread = nullptr;
    m_worker = nullptr;
}

} // namespace chippy::gui
