#pragma once

#include "shop/scenario/back_office_totals.h"

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtCharts/QAbstractSeries>
#include <QtQml/qqmlregistration.h>

#include <deque>

namespace chippy::gui {

// What the back office's stores answered, for the analytics charts and the ledger's totals:
// the latest reading from the analytics worker, and the last minute of preparation times.
// A store that does not answer is said in words and the last figures stay until it does.
class AnalyticsFeed : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The analytics feed belongs to the shop controller")

    // The statistician joined: the charts are drawn from its store.
    Q_PROPERTY(bool active READ active NOTIFY activeChanged)
    // The accountant or the stockist joined: the ledger is read.
    Q_PROPERTY(bool books READ books NOTIFY activeChanged)
    Q_PROPERTY(int readings READ readings NOTIFY updated)

    Q_PROPERTY(QString store READ store NOTIFY updated)
    Q_PROPERTY(QString problem READ problem NOTIFY updated)
    Q_PROPERTY(bool hasFigures READ hasFigures NOTIFY updated)
    Q_PROPERTY(qint64 ordersCounted READ ordersCounted NOTIFY updated)
    Q_PROPERTY(qint64 moneyTakenPence READ moneyTakenPence NOTIFY updated)
    Q_PROPERTY(QString moneyTaken READ moneyTaken NOTIFY updated)
    Q_PROPERTY(double shareCooked READ shareCooked NOTIFY updated)
    Q_PROPERTY(double prepP50Ms READ prepP50Ms NOTIFY updated)
    Q_PROPERTY(double prepP95Ms READ prepP95Ms NOTIFY updated)
    Q_PROPERTY(double maxPrepMs READ maxPrepMs NOTIFY updated)
    Q_PROPERTY(QStringList itemNames READ itemNames NOTIFY updated)
    Q_PROPERTY(QVariantList itemOrders READ itemOrders NOTIFY updated)
    Q_PROPERTY(double maxItemOrders READ maxItemOrders NOTIFY updated)
    Q_PROPERTY(double maxRate READ maxRate NOTIFY updated)
    Q_PROPERTY(double lastRate READ lastRate NOTIFY updated)

    Q_PROPERTY(QString ledgerStore READ ledgerStore NOTIFY updated)
    Q_PROPERTY(QString ledgerProblem READ ledgerProblem NOTIFY updated)
    Q_PROPERTY(bool hasBooks READ hasBooks NOTIFY updated)
    Q_PROPERTY(qint64 ordersBooked READ ordersBooked NOTIFY updated)
    Q_PROPERTY(QString moneyBooked READ moneyBooked NOTIFY updated)
    Q_PROPERTY(QString portions READ portions NOTIFY updated)

public:
    // Buckets of the orders-per-second chart and samples of the preparation-time chart.
    static constexpr int kSeconds = 60;

    explicit AnalyticsFeed(QString currency, QObject *parent = nullptr);

    void setActive(bool figures, bool books);
    void apply(const shop::BackOfficeTotals &reading, qint64 nowMs);
    void clear();

    bool active() const { return m_active; }
    bool books() const { return m_books; }
    int readings() const { return m_readings; }

    QString store() const { return m_store; }
    QString problem() const { return m_problem; }
    bool hasFigures() const { return m_figures.has_value(); }
    qint64 ordersCounted() const { return m_figures ? m_figures->ordersCounted : 0; }
    qint64 moneyTakenPence() const { return m_figures ? m_figures->moneyTakenPence : 0; }
    QString moneyTaken() const;
    double shareCooked() const { return m_figures ? m_figures->shareCooked : 0; }
    double prepP50Ms() const { return m_figures ? m_figures->prepP50Ms : 0; }
    double prepP95Ms() const { return m_figures ? m_figures->prepP95Ms : 0; }
    double maxPrepMs() const;
    QStringList itemNames() const;
    QVariantList itemOrders() const;
    double maxItemOrders() const;
    double maxRate() const;
    double lastRate() const;

    QString ledgerStore() const { return m_ledgerStore; }
    QString ledgerProblem() const { return m_ledgerProblem; }
    bool hasBooks() const { return m_ledger.has_value(); }
    qint64 ordersBooked() const { return m_ledger ? m_ledger->orders : 0; }
    QString moneyBooked() const;
    // "cod 120 · plaice 40 · chips 300": portions ordered, with those sent to be cooked.
    QString portions() const;

    // Orders per second over the last minute of the store's buckets, x in seconds before now.
    Q_INVOKABLE void fillRate(QAbstractSeries *series) const;
    // Preparation time (p50 or p95, in seconds) over the last minute of readings.
    Q_INVOKABLE void fillPrep(QAbstractSeries *series, int percentile) const;

signals:
    void activeChanged();
    void updated();

private:
    struct PrepSample
    {
        double second = 0;
        double p50 = 0;
        double p95 = 0;
    };

    const QString m_currency;
    bool m_active = false;
    bool m_books = false;
    int m_readings = 0;
    QString m_store;
    QString m_problem;
    std::optional<analytics::Figures> m_figures;
    QString m_ledgerStore;
    QString m_ledgerProblem;
    std::optional<ledger::LedgerTotals> m_ledger;
    std::deque<PrepSample> m_prep;
    qint64 m_firstMs = -1;
    qint64 m_lastBucketMs = 0;
};

} // namespace chippy::gui
