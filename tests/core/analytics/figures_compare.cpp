#include "figures_compare.h"

#include <QStringList>

#include <cmath>

namespace chippy::analytics::test {

namespace {

static constexpr double kRounding = 1e-9;

bool near(double actual, double expected, double relative)
{
    return std::abs(actual - expected) <= relative * std::max(1.0, std::abs(expected));
}

QString show(double value)
{
    return QString::number(value, 'g', 12);
}

QString show(qint64 value)
{
    return QString::number(value);
}

QString show(const QMap<QString, qint64> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        parts.append(it.key() + QLatin1Char('=') + QString::number(it.value()));
    }
    return parts.join(QLatin1Char(' '));
}

QString show(const QMap<int, double> &map)
{
    QStringList parts;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        parts.append(QString::number(it.key()) + QLatin1Char('=') + show(it.value()));
    }
    return parts.join(QLatin1Char(' '));
}

QString show(const QList<QPair<qint64, qint64>> &buckets)
{
    QStringList parts;
    for (const auto &[start, count] : buckets) {
        parts.append(QString::number(start) + QLatin1Char('=') + QString::number(count));
    }
    return parts.join(QLatin1Char(' '));
}

bool sameMeans(const QMap<int, double> &actual, const QMap<int, double> &expected)
{
    if (actual.keys() != expected.keys()) {
        return false;
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!near(actual.value(it.key()), it.value(), kRounding)) {
            return false;
        }
    }
    return true;
}

} // namespace

QString figureDifferences(const Figures &actual, const Figures &expected)
{
    QStringList lines;
    const auto check = [&](const char *name, bool same, const QString &got, const QString &want) {
        if (!same) {
            lines.append(QStringLiteral("%1: got %2, expected %3")
                             .arg(QString::fromLatin1(name), got, want));
        }
    };
    check("ordersCounted", actual.ordersCounted == expected.ordersCounted,
        show(actual.ordersCounted), show(expected.ordersCounted));
    check("moneyTakenPence", actual.moneyTakenPence == expected.moneyTakenPence,
        show(actual.moneyTakenPence), show(expected.moneyTakenPence));
    check("ordersPerItem", actual.ordersPerItem == expected.ordersPerItem,
        show(actual.ordersPerItem), show(expected.ordersPerItem));
    check("ordersCooked", actual.ordersCooked == expected.ordersCooked, show(actual.ordersCooked),
        show(expected.ordersCooked));
    check("shareCooked", near(actual.shareCooked, expected.shareCooked, kRounding),
        show(actual.shareCooked), show(expected.shareCooked));
    check("ordersReady", actual.ordersReady == expected.ordersReady, show(actual.ordersReady),
        show(expected.ordersReady));
    check("prepP50Ms", near(actual.prepP50Ms, expected.prepP50Ms, kPercentileTolerance),
        show(actual.prepP50Ms), show(expected.prepP50Ms));
    check("prepP95Ms", near(actual.prepP95Ms, expected.prepP95Ms, kPercentileTolerance),
        show(actual.prepP95Ms), show(expected.prepP95Ms));
    check("ordersPerBucket", actual.ordersPerBucket == expected.ordersPerBucket,
        show(actual.ordersPerBucket), show(expected.ordersPerBucket));
    check("meanWaitPerQueueMs", sameMeans(actual.meanWaitPerQueueMs, expected.meanWaitPerQueueMs),
        show(actual.meanWaitPerQueueMs), show(expected.meanWaitPerQueueMs));
    check("portionsWasted", actual.portionsWasted == expected.portionsWasted,
        show(actual.portionsWasted), show(expected.portionsWasted));
    return lines.join(QLatin1Char('\n'));
}

} // namespace chippy::analytics::test
