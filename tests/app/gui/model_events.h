#pragma once

#include "shop/events/shop_event.h"
#include "shop/session/cluster_view.h"

#include <QDateTime>

// Events and cluster views as the shop and the cluster observer would produce them, for the
// model tests.
namespace chippy::gui::test {

inline shop::ShopEvent event(shop::ShopEvent::Kind kind, const QString &participant,
    const QString &group = {}, const QString &topic = {}, int partition = -1, qint64 offset = -1,
    qint64 order = -1, int queue = -1)
{
    shop::ShopEvent e;
    e.kind = kind;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.participant = participant;
    e.group = group;
    e.topic = topic;
    e.partition = partition;
    e.offset = offset;
    e.order = order;
    e.queue = queue;
    return e;
}

inline shop::ShopEvent placed(int queue, int partition, qint64 offset, qint64 order)
{
    return event(shop::ShopEvent::Kind::OrderPlaced, QStringLiteral("till-%1").arg(queue), {},
        QStringLiteral("ORDER"), partition, offset, order, queue);
}

inline shop::ShopEvent assigned(const QString &member, const QString &group, const QString &topic,
    QVector<int> partitions, int generation)
{
    shop::ShopEvent e = event(shop::ShopEvent::Kind::PartitionsAssigned, member, group, topic);
    e.partitions = std::move(partitions);
    e.generation = generation;
    return e;
}

inline shop::ClusterView::Topic topic(
    const QString &name, const QList<std::pair<qint64, qint64>> &offsets)
{
    shop::ClusterView::Topic t;
    t.name = name;
    for (int i = 0; i < offsets.size(); ++i) {
        t.partitions.append({i, offsets[i].first, offsets[i].second, -1});
    }
    return t;
}

} // namespace chippy::gui::test
