#pragma once

#include "broker_snapshot.h"
#include "shop_event.h"

#include <QDateTime>

// Events and snapshots as the shop and the broker would produce them, for the model tests.
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

inline broker::BrokerSnapshot::Topic topic(
    const std::string &name, std::vector<std::pair<std::int64_t, std::int64_t>> offsets)
{
    broker::BrokerSnapshot::Topic t;
    t.name = name;
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        broker::BrokerSnapshot::Partition p;
        p.index = static_cast<std::int32_t>(i);
        p.logStartOffset = offsets[i].first;
        p.logEndOffset = offsets[i].second;
        t.partitions.push_back(p);
    }
    return t;
}

} // namespace chippy::gui::test
