#include "shop/participants/cook.h"

#include "shop/cabinet_order.h"
#include "shop/order.h"

namespace chippy::shop {

namespace {

int fryerSize(const Menu &menu)
{
    int size = 1;
    for (const MenuItem &item : menu.items()) {
        if (item.cookedToOrder) {
            size = std::max(size, item.batchSize);
        }
    }
    return size;
}

} // namespace

Cook::Cook(int index, std::shared_ptr<ShopContext> context)
    : Station(QStringLiteral("cook-%1").arg(index), context->config.topics.cooks(),
        {context->config.topics.cook()}, context->config.cookStart, context)
    , m_fryerSize(fryerSize(context->config.menu))
{
    m_clock.start();
}

void Cook::handle(const kafka::Message &message)
{
    take(message);
    QString reason;
    const std::optional<Order> order = Order::fromJson(message.value, &reason);
    if (!order) {
        deadLetter(message, reason);
        return;
    }
    ShopEvent e = event(ShopEvent::Kind::OrderTaken);
    e.order = order->number;
    e.queue = order->queue;
    e.topic = message.topic;
    e.partition = message.partition;
    e.offset = message.offset;
    post(e);

    Output out;
    out.kind = OutputKind::HotFood;
    out.source = {message.topic, message.partition};
    out.sourceOffset = message.offset;
    out.topic = config().topics.hotFood();
    out.key = message.key;
    out.value = message.value;
    out.order = order->number;
    out.queue = order->queue;
    m_waiting.append(out);
}

void Cook::afterBatch()
{
    // With a short cook time food is done as soon as it goes in: keep tending until the
    // fryer holds only food that is still cooking.
    while (tendFryer()) { }
    throttle();
    Station::afterBatch();
}

bool Cook::tendFryer()
{
    const qint64 now = m_clock.elapsed();
    bool changed = false;
    for (qsizetype i = 0; i < m_fryer.size();) {
        if (m_fryer.at(i).readyAtMs <= now) {
            Output cooked = m_fryer.takeAt(i).output;
            finishCooking(cooked);
            send(cooked);
            changed = true;
        } else {
            ++i;
        }
    }
    if (context().live.paused) {
        return changed;
    }
    while (m_fryer.size() < m_fryerSize && !m_waiting.isEmpty()) {
        m_fryer.append({m_waiting.takeFirst(), now + context().live.cookTimeMs});
        changed = true;
    }
    return changed;
}

void Cook::finishCooking(Output &output)
{
    using namespace cabinet_order;
    QString reason;
    std::optional<Order> order = Order::fromJson(output.value, &reason);
    if (!order) {
        return;
    }
    const cabinet::Portions needs = cookNeeds(*order);
    if (needs.isEmpty()) {
        return;
    }
    const Menu &menu = config().menu;
    const bool everythingToOrder = toOrder(*order);
    cabinet::Portions fry;
    cabinet::Portions forCabinet;
    for (auto it = needs.cbegin(); it != needs.cend(); ++it) {
        const MenuItem *item = menu.item(it.key());
        (everythingToOrder || (item && item->cookedToOrder) ? fry : forCabinet)
            .insert(it.key(), it.value());
    }
    bool friedForOrder = everythingToOrder;
    if (!forCabinet.isEmpty()) {
        const auto added = context().hotCabinet.topUp(forCabinet, batchSizes(menu), name());
        if (added) {
            context().stats.cabinet().cooked(*added);
            for (auto it = added->cbegin(); it != added->cend(); ++it) {
                if (it.value() > 0) {
                    ShopEvent e = event(ShopEvent::Kind::PortionsCooked);
                    e.order = order->number;
                    e.queue = order->queue;
                    e.text = it.key();
                    e.value = it.value();
                    post(e);
                }
            }
        } else {
            // Nothing was taken for this order: fry all its cod and chips with the plaice.
            fry = plus(fry, fromCabinet(*order, menu));
            friedForOrder = true;
        }
    }
    context().stats.cabinet().friedToOrder(fry);
    if (friedForOrder) {
        noteFried(*order, fry);
    }
    output.value = order->toJson();
}

int Cook::pollTimeoutMs() const
{
    // Wake up when the next portion is done rather than a whole poll later.
    qint64 wait = kPollMs;
    const qint64 now = m_clock.elapsed();
    for (const Frying &f : m_fryer) {
        wait = std::min(wait, std::max<qint64>(0, f.readyAtMs - now));
    }
    return static_cast<int>(wait);
}

void Cook::throttle()
{
    const QList<kafka::TopicPartition> owned = consumer().assignment();
    if (!m_throttled && m_waiting.size() >= kMaxWaiting) {
        m_throttled = true;
        consumer().pause(owned);
    } else if (m_throttled && m_waiting.size() <= kMaxWaiting / 2) {
        m_throttled = false;
        if (!context().live.paused) {
            consumer().resume(owned);
        }
    }
}

void Cook::revoking(const QList<kafka::TopicPartition> &partitions, bool lost)
{
    // Food for orders now owned by another cook is thrown away: the new owner cooks it again
    // from the committed offset. The serving hatch drops the second portion if both arrive.
    m_waiting.removeIf([&](const Output &out) { return partitions.contains(out.source); });
    m_fryer.removeIf([&](const Frying &f) { return partitions.contains(f.output.source); });
    m_throttled = false;
    Station::revoking(partitions, lost);
}

void Cook::delivered(const Output &output, const kafka::Delivery &delivery)
{
    ShopEvent e = wrote(ShopEvent::Kind::Cooked, delivery);
    if (output.kind == OutputKind::DeadLetter) {
        context().stats.deadLettered(QStringLiteral("%1/%2/%3")
                                         .arg(output.source.topic)
                                         .arg(output.source.partition)
                                         .arg(output.sourceOffset));
        e.kind = ShopEvent::Kind::DeadLettered;
        e.text = output.reason;
    } else {
        context().stats.cooked();
    }
    e.order = output.order;
    e.queue = output.queue;
    post(e);
}

} // namespace chippy::shop
