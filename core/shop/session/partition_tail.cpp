#include "shop/session/partition_tail.h"

#include "kafka/consumer.h"

#include <QDeadlineTimer>

namespace chippy::shop {

namespace {

constexpr int kMaxBatch = 100;

} // namespace

PartitionTail::PartitionTail(kafka::ClientConfig cluster)
    : m_cluster(std::move(cluster))
{ }

QList<TailRecord> PartitionTail::read(
    const QString &topic, int partition, qint64 from, qint64 end, QString *error) const
{
    kafka::ClientConfig config = m_cluster;
    config.set("client.id", "chippy-inspector");
    config.set("group.id", "chippy-inspector");
    config.set("enable.auto.commit", "false");
    std::unique_ptr<kafka::Consumer> consumer = kafka::Consumer::create(config, error);
    if (!consumer) {
        return {};
    }
    consumer->setStartPosition(kafka::StartPosition::atOffset(from));
    if (!consumer->assign({{topic, partition}}, error)) {
        return {};
    }
    QList<TailRecord> records;
    const QDeadlineTimer deadline(kFetchTimeoutMs);
    while (!deadline.hasExpired()) {
        for (kafka::Message &m : consumer->poll(kPollMs, kMaxBatch)) {
            if (m.offset >= end) {
                continue;
            }
            TailRecord r {m.offset, std::move(m.key), std::move(m.value), {}, m.timestampMs};
            for (const kafka::Header &h : m.headers) {
                r.headers.append({h.name, h.value});
            }
            records.append(std::move(r));
        }
        if (!records.isEmpty() && records.last().offset >= end - 1) {
            break;
        }
    }
    if (records.isEmpty()) {
        for (const kafka::ClientError &e : consumer->takeErrors()) {
            *error = e.words;
        }
        if (error->isEmpty()) {
            *error = QStringLiteral("no record could be read in %1 s").arg(kFetchTimeoutMs / 1000);
        }
    }
    consumer->vanish();
    return records;
}

} // namespace chippy::shop
