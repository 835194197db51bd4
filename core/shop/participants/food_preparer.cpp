#include "shop/participants/food_preparer.h"

#include "shop/order.h"

namespace chippy::shop {

FoodPreparer::FoodPreparer(int index, std::shared_ptr<ShopContext> context)
    : Station(QStringLiteral("preparer-%1").arg(index), context->config.topics.preparers(),
        topicsFor(context->config, context->live.model), context->config.preparerStart, context)
{ }

QStringList FoodPreparer::topicsFor(const ShopConfig &config, int model)
{
    if (model >= ShopConfig::kFirstModelWithCook) {
        return {config.topics.order(), config.topics.hotFood()};
    }
    return {config.topics.order()};
}

void FoodPreparer::handle(const kafka::Message &message)
{
    take(message);
    context().stats.orderTaken();

    QString reason;
    std::optional<Order> order = Order::fromJson(message.value, &reason);
    if (order) {
        reason = order->checkItems(config().menu);
    }
    ShopEvent taken = event(ShopEvent::Kind::OrderTaken);
    taken.topic = message.topic;
    taken.partition = message.partition;
    taken.offset = message.offset;
    if (order) {
        taken.order = order->number;
        taken.queue = order->queue;
    }
    post(taken);

    if (!order || !reason.isEmpty()) {
        deadLetter(message, reason);
        return;
    }
    const bool fromCook = message.topic == config().topics.hotFood();
    const bool toCook = !fromCook && context().live.model >= ShopConfig::kFirstModelWithCook
        && order->needsCooking(config().menu);

    Output out;
    out.kind = toCook ? OutputKind::Cook : OutputKind::Ready;
    out.source = {message.topic, message.partition};
    out.sourceOffset = message.offset;
    out.topic = toCook ? config().topics.cook() : config().topics.ready();
    // Keyed by order number: a redelivered order lands where its first copy did.
    out.key = QByteArray::number(order->number);
    out.value = message.value;
    out.order = order->number;
    out.queue = order->queue;
    send(out);
}

void FoodPreparer::delivered(const Output &output, const kafka::Delivery &delivery)
{
    ShopEvent e = event(ShopEvent::Kind::OrderReady);
    switch (output.kind) {
    case OutputKind::Ready:
        context().stats.orderReady();
        break;
    case OutputKind::Cook:
        context().stats.sentToCook();
        e.kind = ShopEvent::Kind::SentToCook;
        break;
    case OutputKind::DeadLetter:
        context().stats.deadLettered(QStringLiteral("%1/%2/%3")
                                         .arg(output.source.topic)
                                         .arg(output.source.partition)
                                         .arg(output.sourceOffset));
        e.kind = ShopEvent::Kind::DeadLettered;
        e.text = output.reason;
        break;
    case OutputKind::HotFood:
        return;
    }
    e.order = output.order;
    e.queue = output.queue;
    e.topic = delivery.topic;
    e.partition = delivery.partition;
    e.offset = delivery.offset;
    post(e);
}

} // namespace chippy::shop
