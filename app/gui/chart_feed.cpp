#include "chart_feed.h"

#include <QXYSeries>

#include <algorithm>

namespace chippy::gui {

ChartFeed::ChartFeed(QObject *parent)
    : QObject(parent)
{ }

void ChartFeed::addSample(double second, double ordersPerSecond, const QList<qint64> &lag)
{
    m_samples.push_back({second, ordersPerSecond, lag});
    while (m_samples.size() > kSamples) {
        m_samples.pop_front();
    }
    m_partitions = std::max(m_partitions, static_cast<int>(lag.size()));
    emit updated();
}

void ChartFeed::clear()
{
    m_samples.clear();
    m_partitions = 0;
    emit updated();
}

double ChartFeed::maxRate() const
{
    double top = 0;
    for (const Sample &s : m_samples) {
        top = std::max(top, s.rate);
    }
    return top;
}

double ChartFeed::maxLag() const
{
    qint64 top = 0;
    for (const Sample &s : m_samples) {
        for (qint64 l : s.lag) {
            top = std::max(top, l);
        }
    }
    return static_cast<double>(top);
}

void ChartFeed::fillRate(QAbstractSeries *series) const
{
    auto *xy = qobject_cast<QXYSeries *>(series);
    if (!xy) {
        return;
    }
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(m_samples.size()));
    for (const Sample &s : m_samples) {
        points.append({s.second, s.rate});
    }
    xy->replace(points);
}

void ChartFeed::fillLag(QAbstractSeries *series, int partition) const
{
    auto *xy = qobject_cast<QXYSeries *>(series);
    if (!xy) {
        return;
    }
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(m_samples.size()));
    for (const Sample &s : m_samples) {
        points.append({s.second, partition < s.lag.size() ? double(s.lag.at(partition)) : 0.0});
    }
    xy->replace(points);
}

} // namespace chippy::gui
