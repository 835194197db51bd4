#pragma once

#include <QList>
#include <QObject>
#include <QtCharts/QAbstractSeries>
#include <QtQml/qqmlregistration.h>

#include <deque>

namespace chippy::gui {

// The last minute of orders per second and of lag per ORDER partition, one sample a second,
// for the two charts. The charts ask it to fill their series; each fill replaces the points
// in one go.
class ChartFeed : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The chart feed belongs to the shop controller")

    Q_PROPERTY(int partitions READ partitions NOTIFY updated)
    Q_PROPERTY(double maxRate READ maxRate NOTIFY updated)
    Q_PROPERTY(double maxLag READ maxLag NOTIFY updated)
    Q_PROPERTY(double lastRate READ lastRate NOTIFY updated)
    Q_PROPERTY(double firstSecond READ firstSecond NOTIFY updated)
    Q_PROPERTY(double lastSecond READ lastSecond NOTIFY updated)
    Q_PROPERTY(int samples READ samples NOTIFY updated)

public:
    static constexpr int kSamples = 60;

    explicit ChartFeed(QObject *parent = nullptr);

    void addSample(double second, double ordersPerSecond, const QList<qint64> &lagByPartition);
    void clear();

    int partitions() const { return m_partitions; }
    double maxRate() const;
    double maxLag() const;
    double lastRate() const { return m_samples.empty() ? 0 : m_samples.back().rate; }
    double firstSecond() const { return m_samples.empty() ? 0 : m_samples.front().second; }
    double lastSecond() const { return m_samples.empty() ? 0 : m_samples.back().second; }
    int samples() const { return static_cast<int>(m_samples.size()); }

    Q_INVOKABLE void fillRate(QAbstractSeries *series) const;
    Q_INVOKABLE void fillLag(QAbstractSeries *series, int partition) const;

signals:
    void updated();

private:
    struct Sample
    {
        double second = 0;
        double rate = 0;
        QList<qint64> lag;
    };

    std::deque<Sample> m_samples;
    int m_partitions = 0;
};

} // namespace chippy::gui
