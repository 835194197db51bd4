#include "shop/participants/food_preparer.h"

#include "shop/cabinet_order.h"
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
    if (context().live.model >= ShopConfig::kFirstModelWithCabinet) {
        prepareFromCabinet(message, std::move(*order), fromCook);
        return;
    }
    const bool toCook = !fromCook && context().live.model >= ShopConfig::kFirstModelWithCook
        && order->needsCooking(config().menu);
    sendOn(message, *order, toCook ? OutputKind::Cook : OutputKind::Ready, message.value);
}

void FoodPreparer::prepareFromCabinet(const kafka::Message &message, Order order, bool fromCook)
{
    using namespace cabinet_order;
    if (fromCook && (hasTaken(order) || hasFried(order))) {
        sendOn(message, order, OutputKind::Ready, message.value);
        return;
    }
    const Menu &menu = config().menu;
    const cabinet::Portions wanted = fromCabinet(order, menu);
    // Plaice is fried once, on the way out; it comes back from the cook with the order.
    const cabinet::Portions toFry = fromCook ? cabinet::Portions {} : friedEachTime(order, menu);
    const std::optional<cabinet::TakeResult> take = wanted.isEmpty()
        ? cabinet::TakeResult {true, {}}
        : context().hotCabinet.take(wanted, name());
    if (!take) {
        askCook(order, plus(toFry, wanted), true);
        sendOn(message, order, OutputKind::Cook, order.toJson());
        return;
    }
    if (take->taken) {
        context().stats.cabinet().taken(wanted);
        for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
            ShopEvent e = event(ShopEvent::Kind::PortionsTaken);
            e.order = order.number;
            e.queue = order.queue;
            e.text = it.key();
            e.value = it.value();
            post(e);
        }
        if (toFry.isEmpty()) {
            sendOn(message, order, OutputKind::Ready, message.value);
            return;
        }
        noteTaken(order, wanted);
        askCook(order, toFry, false);
        sendOn(message, order, OutputKind::Cook, order.toJson());
        return;
    }
    // The cook tops a short tray up to what this whole order needs, so the next take can work.
    cabinet::Portions shortOf;
    for (auto it = take->missing.cbegin(); it != take->missing.cend(); ++it) {
        shortOf.insert(it.key(), wanted.value(it.key()));
    }
    askCook(order, plus(toFry, shortOf), false);
    sendOn(message, order, OutputKind::Cook, order.toJson());
}

void FoodPreparer::sendOn(
    const kafka::Message &message, const Order &order, OutputKind kind, const QByteArray &value)
{
    Output out;
    out.kind = kind;
    out.source = {message.topic, message.partition};
    out.sourceOffset = message.offset;
    out.topic = kind == OutputKind::Cook ? config().topics.cook() : config().topics.ready();
    // Keyed by order number: a redelivered order lands where its first copy did.
    out.key = QByteArray::number(order.number);
    out.value = value;
    out.order = order.number;
    out.queue = order.queue;
    send(out);
}

void FoodPreparer::delivered(const Output &output, const kafka::Delivery &delivery)
{
    ShopEvent e = wrote(ShopEvent::Kind::OrderReady, delivery);
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
    post(e);
}

} // namespace chippy::shop
