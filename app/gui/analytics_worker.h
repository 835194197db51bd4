#pragma once

#include "analytics/analytics_store.h"
#include "ledger/ledger.h"
#include "shop/scenario/back_office_totals.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace chippy::gui {

// Asks the back office's stores for their figures a few times a second, on a thread of its
// own: the statistician's analytics store and the accountant's and stockist's ledger, each
// opened here from the session's settings (a store belongs to the thread that opened it).
// A query runs on this thread, so a slow store delays the next tick instead of piling them up.
class AnalyticsWorker : public QObject
{
    Q_OBJECT

public:
    static constexpr int kPollMs = 500;
    // How long one question to OpenSearch may take before the charts say it does not answer.
    static constexpr int kQueryTimeoutMs = 3000;
    static constexpr qint64 kBucketMs = 1000;

    AnalyticsWorker(analytics::AnalyticsSettings analytics, ledger::LedgerSettings ledger);
    ~AnalyticsWorker() override;

public slots:
    // Which stores to ask: the analytics store once the statistician joined, the ledger once
    // the accountant or the stockist did. Asks at once, then every kPollMs.
    void watch(bool figures, bool books);
    void stop();

signals:
    // One reading of whatever was asked; a part that could not be read carries its reason.
    void read(const chippy::shop::BackOfficeTotals &totals);

private:
    void tick();
    void readFigures(shop::BackOfficeTotals &totals);
    void readBooks(shop::BackOfficeTotals &totals);
    // Why the charts have no figures, in words.
    QString problemOf(const QString &error) const;

    const analytics::AnalyticsSettings m_analyticsSettings;
    const ledger::LedgerSettings m_ledgerSettings;
    std::unique_ptr<analytics::AnalyticsStore> m_store;
    bool m_prepared = false;
    std::unique_ptr<ledger::Ledger> m_ledger;
    QTimer *m_timer = nullptr;
    bool m_figures = false;
    bool m_books = false;
};

} // namespace chippy::gui

Q_DECLARE_METATYPE(chippy::shop::BackOfficeTotals)
