#include "analytics_worker.h"

namespace chippy::gui {

AnalyticsWorker::AnalyticsWorker(
    analytics::AnalyticsSettings analytics, ledger::LedgerSettings ledger)
    : m_analyticsSettings(std::move(analytics))
    , m_ledgerSettings(std::move(ledger))
{ }

AnalyticsWorker::~AnalyticsWorker() = default;

void AnalyticsWorker::watch(bool figures, bool books)
{
    m_figures = figures;
    m_books = books;
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(kPollMs);
        connect(m_timer, &QTimer::timeout, this, &AnalyticsWorker::tick);
        m_timer->start();
    }
    tick();
}

void AnalyticsWorker::stop()
{
    if (m_timer) {
        m_timer->stop();
    }
    m_store.reset();
    m_prepared = false;
    m_ledger.reset();
}

void AnalyticsWorker::tick()
{
    if (!m_figures && !m_books) {
        return;
    }
    shop::BackOfficeTotals totals;
    if (m_figures) {
        readFigures(totals);
    }
    if (m_books) {
        readBooks(totals);
    }
    emit read(totals);
}

void AnalyticsWorker::readFigures(shop::BackOfficeTotals &totals)
{
    if (!m_store) {
        analytics::AnalyticsSettings settings = m_analyticsSettings;
        settings.requestTimeoutMs = std::min(settings.requestTimeoutMs, kQueryTimeoutMs);
        m_store = analytics::openAnalyticsStore(settings);
    }
    totals.analyticsStore = m_store->describe();
    QString error;
    std::optional<analytics::Figures> figures;
    // The tables or the index template may not be there yet when the statistician has only
    // just joined; making them is safe beside it.
    m_prepared = m_prepared || m_store->prepare(&error);
    if (m_prepared && m_store->sync(&error)) {
        figures = m_store->figures({0, kBucketMs}, &error);
    }
    if (!figures) {
        totals.analyticsError = problemOf(error);
        return;
    }
    totals.figures = std::move(figures);
}

QString AnalyticsWorker::problemOf(const QString &error) const
{
    if (!m_analyticsSettings.usesOpenSearch()) {
        return tr("%1 cannot be read (%2)").arg(m_store->describe(), error);
    }
    // The store says where it failed ("cannot put the index template: OpenSearch unreachable
    // at URL: connection refused"); the charts say what matters to them.
    const QString unreachable
        = QStringLiteral("OpenSearch unreachable at %1: ").arg(m_analyticsSettings.url);
    const qsizetype at = error.indexOf(unreachable);
    if (at >= 0) {
        return tr("OpenSearch unreachable at %1 (%2)")
            .arg(m_analyticsSettings.url, error.mid(at + unreachable.size()));
    }
    return tr("OpenSearch at %1 does not answer the charts (%2)")
        .arg(m_analyticsSettings.url, error);
}

void AnalyticsWorker::readBooks(shop::BackOfficeTotals &totals)
{
    QString error;
    if (!m_ledger) {
        m_ledger = ledger::Ledger::open(m_ledgerSettings, &error);
    }
    if (m_ledger) {
        totals.ledgerStore = m_ledger->describe();
        totals.books = m_ledger->totals(&error);
    }
    if (!totals.books) {
        totals.ledgerError = tr("the ledger cannot be read (%1)").arg(error);
        // A connection that failed is opened afresh next time.
        m_ledger.reset();
    }
}

} // namespace chippy::gui
