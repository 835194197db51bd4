#pragma once

#include <QString>
#include <QStringList>

namespace chippy::shop {

// The shop's topic and group names. A prefix lets several shops share one cluster.
struct TopicNames
{
    QString prefix;

    QString order() const { return prefix + QStringLiteral("ORDER"); }
    QString ready() const { return prefix + QStringLiteral("READY"); }
    QString cook() const { return prefix + QStringLiteral("COOK"); }
    QString hotFood() const { return prefix + QStringLiteral("HOT-FOOD"); }
    QString orderDlq() const { return prefix + QStringLiteral("ORDER-DLQ"); }
    QStringList all() const { return {order(), ready(), cook(), hotFood(), orderDlq()}; }

    QString preparers() const { return prefix + QStringLiteral("preparers"); }
    QString cooks() const { return prefix + QStringLiteral("cooks"); }
    QString counters() const { return prefix + QStringLiteral("counters"); }
};

} // namespace chippy::shop
