#include "analytics_feed.h"

#include "analytics_worker.h"
#include "money_text.h"

#include <QXYSeries>

#include <algorithm>

namespace chippy::gui {

namespace {

constexpr double kMsPerSecond = 1000.0;

} // namespace

AnalyticsFeed::AnalyticsFeed(QString currency, QObject *parent)
    : QObject(parent)
    , m_currency(std::move(currency))
{ }

void AnalyticsFeed::setActive(bool figures, bool books)
{
    if (figures == m_active && books == m_books) {
        return;
    }
    m_active = figures;
    m_books = books;
    emit activeChanged();
}

void AnalyticsFeed::apply(const shop::BackOfficeTotals &reading, qint64 nowMs)
{
    ++m_readings;
    if (!reading.analyticsStore.isEmpty()) {
        m_store = reading.analyticsStore;
    }
    m_problem = reading.analyticsError;
    if (reading.figures) {
        m_figures = reading.figures;
        if (m_firstMs < 0) {
            m_firstMs = nowMs;
        }
        m_prep.push_back(
            {(nowMs - m_firstMs) / kMsPerSecond, m_figures->prepP50Ms, m_figures->prepP95Ms});
        while (m_prep.size() > 2 * kSeconds) {
            m_prep.pop_front();
        }
        m_lastBucketMs = nowMs - nowMs % AnalyticsWorker::kBucketMs;
    }
    if (!reading.ledgerStore.isEmpty()) {
        m_ledgerStore = reading.ledgerStore;
    }
    m_ledgerProblem = reading.ledgerError;
    if (reading.books) {
        m_ledger = reading.books;
    }
    emit updated();
}

void AnalyticsFeed::clear()
{
    m_readings = 0;
    m_store.clear();
    m_problem.clear();
    m_figures.reset();
    m_ledgerStore.clear();
    m_ledgerProblem.clear();
    m_ledger.reset();
    m_prep.clear();
    m_firstMs = -1;
    m_lastBucketMs = 0;
    setActive(false, false);
    emit updated();
}

QString AnalyticsFeed::moneyTaken() const
{
    return moneyText(moneyTakenPence(), m_currency);
}

double AnalyticsFeed::maxPrepMs() const
{
    double top = 0;
    for (const PrepSample &s : m_prep) {
        top = std::max(top, s.p95);
    }
    return top;
}

QStringList AnalyticsFeed::itemNames() const
{
    return m_figures ? m_figures->ordersPerItem.keys() : QStringList();
}

QVariantList AnalyticsFeed::itemOrders() const
{
    QVariantList orders;
    if (m_figures) {
        for (qint64 n : m_figures->ordersPerItem) {
            orders.append(static_cast<double>(n));
        }
    }
    return orders;
}

double AnalyticsFeed::maxItemOrders() const
{
    qint64 top = 0;
    if (m_figures) {
        for (qint64 n : m_figures->ordersPerItem) {
            top = std::max(top, n);
        }
    }
    return static_cast<double>(top);
}

double AnalyticsFeed::maxRate() const
{
    qint64 top = 0;
    if (m_figures) {
        for (const auto &[start, orders] : m_figures->ordersPerBucket) {
            if (start >= m_lastBucketMs - kSeconds * AnalyticsWorker::kBucketMs
                && start < m_lastBucketMs) {
                top = std::max(top, orders);
            }
        }
    }
    return static_cast<double>(top);
}

double AnalyticsFeed::lastRate() const
{
    if (m_figures) {
        for (const auto &[start, orders] : m_figures->ordersPerBucket) {
            if (start == m_lastBucketMs - AnalyticsWorker::kBucketMs) {
                return static_cast<double>(orders);
            }
        }
    }
    return 0;
}

QString AnalyticsFeed::moneyBooked() const
{
    return moneyText(m_ledger ? m_ledger->moneyTakenPence : 0, m_currency);
}

QString AnalyticsFeed::portions() const
{
    if (!m_ledger) {
        return {};
    }
    QStringList words;
    for (auto it = m_ledger->portionsOrdered.cbegin(); it != m_ledger->portionsOrdered.cend();
         ++it) {
        words << tr("%1 %2").arg(it.key()).arg(it.value());
    }
    return words.join(QStringLiteral(" · "));
}

void AnalyticsFeed::fillRate(QAbstractSeries *series) const
{
    auto *xy = qobject_cast<QXYSeries *>(series);
    if (!xy) {
        return;
    }
    // One point a second; a second without orders is a bucket the store left out.
    QList<QPointF> points(kSeconds);
    for (int i = 0; i < kSeconds; ++i) {
        points[i] = {static_cast<double>(i - kSeconds), 0.0};
    }
    if (m_figures) {
        for (const auto &[start, orders] : m_figures->ordersPerBucket) {
            const qint64 back = (m_lastBucketMs - start) / AnalyticsWorker::kBucketMs;
            if (back >= 1 && back <= kSeconds) {
                points[kSeconds - back].setY(static_cast<double>(orders));
            }
        }
    }
    xy->replace(points);
}

void AnalyticsFeed::fillPrep(QAbstractSeries *series, int percentile) const
{
    auto *xy = qobject_cast<QXYSeries *>(series);
    if (!xy) {
        return;
    }
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(m_prep.size()));
    const double now = m_prep.empty() ? 0 : m_prep.back().second;
    for (const PrepSample &s : m_prep) {
        points.append({s.second - now, (percentile >= 95 ? s.p95 : s.p50) / kMsPerSecond});
    }
    xy->replace(points);
}

} // namespace chippy::gui
