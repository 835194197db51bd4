#include "shop/participants/late_reader.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace chippy::shop {

LateReader::LateReader(
    int index, const kafka::StartPosition &start, std::shared_ptr<ShopContext> context)
    : GroupMember(nameFor(index), nameFor(index), {context->config.topics.order()}, start, context)
    , m_asked(start)
{ }

QString LateReader::nameFor(int index)
{
    return QStringLiteral("late-%1").arg(index);
}

void LateReader::handle(const kafka::Message &message)
{
    if (!m_begun.contains(message.partition)) {
        m_begun.insert(message.partition);
        checkStart(message);
        postReplaying(message, QStringLiteral("reads"));
    }
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

void LateReader::checkStart(const kafka::Message &first)
{
    if (m_asked.kind != kafka::StartPosition::Kind::Offset || first.offset == m_asked.value) {
        return;
    }
    ShopEvent e = event(ShopEvent::Kind::StartMoved);
    e.topic = first.topic;
    e.partition = first.partition;
    e.offset = first.offset;
    const QString where = QStringLiteral("%1-%2").arg(first.topic).arg(first.partition);
    e.text = first.offset > m_asked.value
        ? QStringLiteral("%1: offset %2 of %3 is gone, the log starts at %4: starting there")
              .arg(name())
              .arg(m_asked.value)
              .arg(where)
              .arg(first.offset)
        : QStringLiteral("%1: offset %2 of %3 is past the end of the log: starting at its "
                         "start, %4")
              .arg(name())
              .arg(m_asked.value)
              .arg(where)
              .arg(first.offset);
    post(e);
}

} // namespace chippy::shop
