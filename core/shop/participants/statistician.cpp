#include "shop/participants/statistician.h"

#include "shop/order.h"

namespace chippy::shop {

namespace {

std::optional<analytics::EventDocument::Stage> stageOf(
    const QString &topic, const TopicNames &topics)
{
    using Stage = analytics::EventDocument::Stage;
    if (topic == topics.order()) {
        return Stage::Placed;
    }
    if (topic == topics.cook()) {
        return Stage::ToCook;
    }
    if (topic == topics.hotFood()) {
        return Stage::Cooked;
    }
    if (topic == topics.ready()) {
        return Stage::Ready;
    }
    return std::nullopt;
}

} // namespace

Statistician::Statistician(std::shared_ptr<ShopContext> context)
    : BackOfficeReader(context->config.topics.statistician(),
        {context->config.topics.order(), context->config.topics.cook(),
            context->config.topics.hotFood(), context->config.topics.ready()},
        context)
{ }

std::optional<analytics::EventDocument> Statistician::documentFor(
    const kafka::Message &message, const ShopConfig &config)
{
    const auto stage = stageOf(message.topic, config.topics);
    QString reason;
    const auto order = Order::fromJson(message.value, &reason);
    if (!stage || !order) {
        return std::nullopt;
    }
    analytics::EventDocument d;
    d.stage = *stage;
    d.topic = message.topic;
    d.partition = message.partition;
    d.offset = message.offset;
    d.timestampMs = message.timestampMs;
    d.order = order->number;
    d.queue = order->queue;
    for (const QStringList &part : order->parts) {
        d.items.append(part);
    }
    if (d.stage == analytics::EventDocument::Stage::Placed) {
        d.pricePence = order->pricePence(config.menu);
    }
    if (d.stage == analytics::EventDocument::Stage::Ready && order->placedMs >= 0) {
        d.prepMs = std::max<qint64>(0, message.timestampMs - order->placedMs);
    }
    return d;
}

bool Statistician::openStore(QString *)
{
    // Prepared on the first write, so a store that is down now only holds the reader still.
    // The reader does its own retrying, holding still between tries; a write gives up soon so
    // that stopping the reader never waits long for it.
    analytics::AnalyticsSettings settings = config().analytics;
    settings.retryBudgetMs = std::min(settings.retryBudgetMs, kStoreRetryBudgetMs);
    m_store = analytics::openAnalyticsStore(settings);
    m_prepared = false;
    return true;
}

void Statistician::closeStore()
{
    m_store.reset();
    m_batch.clear();
}

void Statistician::collect(const kafka::Message &message)
{
    // An unreadable order has gone to the dead-letter topic; there is nothing to count.
    if (auto document = documentFor(message, config())) {
        m_batch.append(std::move(*document));
    }
}

bool Statistician::store(const QList<kafka::TopicPartitionOffset> &, QString *error)
{
    if (!m_prepared && !(m_prepared = m_store->prepare(error))) {
        return false;
    }
    if (!m_batch.isEmpty() && !m_store->write(m_batch, error)) {
        return false;
    }
    m_batch.clear();
    return true;
}

QString Statistician::storeName() const
{
    return m_store ? m_store->describe() : QStringLiteral("the analytics store");
}

} // namespace chippy::shop
