#include "late_consumer.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace chippy::gui {

LateConsumer::LateConsumer(
    int index, const kafka::StartPosition &start, std::shared_ptr<shop::ShopContext> context)
    : GroupMember(nameFor(index), nameFor(index), {context->config.topics.order()}, start, context)
{ }

QString LateConsumer::nameFor(int index)
{
    return QStringLiteral("late-%1").arg(index);
}

void LateConsumer::handle(const kafka::Message &message)
{
    consumer().storeOffset({message.topic, message.partition}, message.offset + 1);
    const QJsonObject order = QJsonDocument::fromJson(message.value).object();
    shop::ShopEvent e = event(shop::ShopEvent::Kind::OrderTaken);
    e.topic = message.topic;
    e.partition = message.partition;
    e.offset = message.offset;
    e.order = order.value(QLatin1String("order")).toInteger(-1);
    e.queue = order.value(QLatin1String("queue")).toInt(-1);
    post(e);
}

} // namespace chippy::gui
