#include "shop/participants/late_reader.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace chippy::shop {

LateReader::LateReader(
    int index, const kafka::StartPosition &start, std::shared_ptr<ShopContext> context)
    : GroupMember(nameFor(index), nameFor(index), {context->config.topics.order()}, start, context)
{ }

QString LateReader::nameFor(int index)
{
    return QStringLiteral("late-%1").arg(index);
}

void LateReader::handle(const kafka::Message &message)
{
    consumer().storeOffset({message.topic, message.partition}, message.offset + 1);
    const QJsonObject order = QJsonDocument::fromJson(message.value).object();
    ShopEvent e = event(ShopEvent::Kind::OrderTaken);
    e.topic = message.topic;
    e.partition = message.partition;
    e.offset = message.offset;
    e.order = order.value(QLatin1String("order")).toInteger(-1);
    e.queue = order.value(QLatin1String("queue")).toInt(-1);
    post(e);
}

} // namespace chippy::shop
