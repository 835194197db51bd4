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
    // The back office: each late joiner reads in a group of its own.
    QString accountant() const { return prefix + QStringLiteral("accountant"); }
    QString statistician() const { return prefix + QStringLiteral("statistician"); }
    QString stockist() const { return prefix + QStringLiteral("stockist"); }
};

} // namespace chippy::shop
