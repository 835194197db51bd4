#include "shop/participants/ledger_reader.h"

#include "shop/order.h"

namespace chippy::shop {

namespace {

QList<ledger::SourceOffset> toLedger(const QList<kafka::TopicPartitionOffset> &next)
{
    QList<ledger::SourceOffset> offsets;
    for (const kafka::TopicPartitionOffset &o : next) {
        offsets.append({o.topic, o.partition, o.offset});
    }
    return offsets;
}

} // namespace

LedgerReader::LedgerReader(
    const QString &name, const QStringList &topics, std::shared_ptr<ShopContext> context)
    : BackOfficeReader(name, topics, std::move(context))
{ }

bool LedgerReader::openStore(QString *error)
{
    m_ledger = ledger::Ledger::open(config().ledger, error);
    if (!m_ledger) {
        return false;
    }
    const auto stored = m_ledger->offsets(name(), error);
    if (!stored) {
        m_ledger.reset();
        return false;
    }
    QList<kafka::TopicPartitionOffset> start;
    for (const ledger::SourceOffset &o : *stored) {
        start.append({o.topic, o.partition, o.nextOffset});
    }
    consumer().setStartOffsets(start);
    return true;
}

void LedgerReader::closeStore()
{
    m_ledger.reset();
    dropBatch();
}

QString LedgerReader::storeName() const
{
    return m_ledger ? m_ledger->describe() : QStringLiteral("the ledger");
}

Accountant::Accountant(std::shared_ptr<ShopContext> context)
    : LedgerReader(context->config.topics.accountant(), {context->config.topics.order()}, context)
{ }

void Accountant::collect(const kafka::Message &message)
{
    QString reason;
    if (const auto order = Order::fromJson(message.value, &reason)) {
        m_sales.append(
            {order->number, order->queue, order->pricePence(config().menu), message.timestampMs});
    }
}

bool Accountant::store(const QList<kafka::TopicPartitionOffset> &next, QString *error)
{
    if (!ledger().recordSales(name(), m_sales, toLedger(next), error)) {
        return false;
    }
    m_sales.clear();
    return true;
}

Stockist::Stockist(std::shared_ptr<ShopContext> context)
    : LedgerReader(context->config.topics.stockist(),
        {context->config.topics.order(), context->config.topics.cook()}, context)
{ }

void Stockist::collect(const kafka::Message &message)
{
    QString reason;
    const auto order = Order::fromJson(message.value, &reason);
    if (!order) {
        return;
    }
    // From COOK only what is fried to order counts as cooked; the rest waits ready-made.
    const bool cooking = message.topic == config().topics.cook();
    ledger::PortionsUsed line;
    line.topic = message.topic;
    line.order = order->number;
    for (const QStringList &part : order->parts) {
        for (const QString &item : part) {
            const MenuItem *onMenu = config().menu.item(item);
            if (!cooking || (onMenu && onMenu->cookedToOrder)) {
                line.portions[item] += 1;
            }
        }
    }
    m_lines.append(line);
}

bool Stockist::store(const QList<kafka::TopicPartitionOffset> &next, QString *error)
{
    if (!ledger().recordPortions(name(), m_lines, toLedger(next), error)) {
        return false;
    }
    m_lines.clear();
    return true;
}

} // namespace chippy::shop
