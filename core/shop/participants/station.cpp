#include "shop/participants/station.h"

#include "shop/participants/client_settings.h"

namespace chippy::shop {

Station::~Station() = default;

void Station::take(const kafka::Message &message)
{
    m_tracker.taken({message.topic, message.partition}, message.offset);
}

void Station::finish(const kafka::TopicPartition &source, qint64 offset)
{
    if (const std::optional<qint64> safe = m_tracker.done(source, offset)) {
        consumer().storeOffset(source, *safe);
    }
}

void Station::deadLetter(const kafka::Message &message, const QString &reason)
{
    Output out;
    out.kind = OutputKind::DeadLetter;
    out.source = {message.topic, message.partition};
    out.sourceOffset = message.offset;
    out.topic = config().topics.orderDlq();
    out.key = message.key;
    out.value = message.value;
    out.headers = {
        {"reason", reason.toUtf8()},
        {"source.topic", message.topic.toUtf8()},
        {"source.partition", QByteArray::number(message.partition)},
        {"source.offset", QByteArray::number(message.offset)},
    };
    out.reason = reason;
    send(out);
}

bool Station::openOutputs(QString *error)
{
    m_outputs.clear();
    m_retry.clear();
    m_tracker.clear();
    m_producer = kafka::Producer::create(producerSettings(config(), name()), error);
    m_retryClock.start();
    return m_producer != nullptr;
}

void Station::closeOutputs()
{
    if (m_producer) {
        m_producer->flush(kFlushOnRevokeMs);
        handleDeliveries();
        reportErrors(*m_producer);
        m_producer.reset();
    }
}

void Station::abandonOutputs()
{
    if (m_producer) {
        m_producer->vanish();
        m_producer.reset();
    }
    m_outputs.clear();
    m_retry.clear();
    m_tracker.clear();
}

void Station::afterBatch()
{
    m_producer->poll(0);
    handleDeliveries();
    if (reportErrors(*m_producer)) {
        // Work not yet acknowledged is not committed either: the new clients redo it.
        reopen(QStringLiteral("the producer hit a fatal error"));
        return;
    }
    if (!m_retry.isEmpty() && m_retryClock.elapsed() >= kRetryDelayMs) {
        for (const Output &out : std::exchange(m_retry, {})) {
            send(out);
        }
    }
}

void Station::revoking(const QList<kafka::TopicPartition> &partitions, bool lost)
{
    if (!lost && m_producer) {
        // Commit as much as possible before another member takes over: wait for the outputs.
        m_producer->flush(kFlushOnRevokeMs);
        handleDeliveries();
    }
    for (const kafka::TopicPartition &tp : partitions) {
        m_tracker.forget(tp);
    }
    // Outputs still failing for partitions given away are the new owner's to redo.
    m_retry.removeIf([&](const Output &out) { return partitions.contains(out.source); });
}

void Station::send(const Output &output)
{
    const quint64 token = m_nextToken++;
    QString error;
    if (!m_producer->produce(
            output.topic, output.key, output.value, output.headers, token, &error)) {
        postError(error);
        m_retry.append(output);
        m_retryClock.restart();
        return;
    }
    m_outputs.insert(token, output);
}

void Station::handleDeliveries()
{
    for (const kafka::Delivery &d : m_producer->takeDeliveries()) {
        const auto it = m_outputs.find(d.token);
        if (it == m_outputs.end()) {
            continue;
        }
        const Output out = *it;
        m_outputs.erase(it);
        if (d.error) {
            postError(d.errorWords);
            m_retry.append(out);
            m_retryClock.restart();
            continue;
        }
        delivered(out, d);
        finish(out.source, out.sourceOffset);
    }
}

} // namespace chippy::shop
