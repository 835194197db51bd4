#include "shop/participants/counter.h"

#include "shop/order.h"

#include <QDateTime>

namespace chippy::shop {

Counter::Counter(int index, std::shared_ptr<ShopContext> context)
    : GroupMember(QStringLiteral("counter-%1").arg(index), context->config.topics.counters(),
        {context->config.topics.ready()}, context->config.counterStart, context)
{ }

void Counter::handle(const kafka::Message &message)
{
    QString reason;
    const std::optional<Order> order = Order::fromJson(message.value, &reason);
    if (!order) {
        // Only preparers write READY and they write only orders they could read.
        postError(QStringLiteral("%1 cannot read %2-%3 at offset %4: %5")
                      .arg(name(), message.topic)
                      .arg(message.partition)
                      .arg(message.offset)
                      .arg(reason));
    } else if (context().hatch.handOver(order->number)) {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const qint64 latency = order->placedMs >= 0 ? now - order->placedMs : 0;
        context().stats.orderServed(order->number, latency);
        ShopEvent e = event(ShopEvent::Kind::OrderServed);
        e.order = order->number;
        e.queue = order->queue;
        e.topic = message.topic;
        e.partition = message.partition;
        e.offset = message.offset;
        e.value = latency;
        post(e);
    } else {
        context().stats.duplicateDropped();
        ShopEvent e = event(ShopEvent::Kind::DuplicateDropped);
        e.order = order->number;
        e.queue = order->queue;
        e.topic = message.topic;
        e.partition = message.partition;
        e.offset = message.offset;
        post(e);
    }
    // Serving has no output to wait for: the record is done as soon as it is handled.
    consumer().storeOffset({message.topic, message.partition}, message.offset + 1);
}

} // namespace chippy::shop
