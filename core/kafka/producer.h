#pragma once

#include "kafka/client.h"

#include <QList>
#include <QString>

#include <memory>

namespace chippy::kafka {

// The broker's answer to one produced record.
struct Delivery
{
    quint64 token = 0; // what the caller passed to produce()
    QString topic;
    int partition = -1;
    qint64 offset = -1;
    qint64 timestampMs = -1;
    int error = 0; // rd_kafka_resp_err_t; 0 when stored
    QString errorWords;
};

// An idempotent producer: keys map to partitions as the Java client's do (murmur2), so a
// queue's orders stay in order on one partition. Not thread-safe: one owner thread.
class Producer : public Client
{
public:
    static constexpr int kAnyPartition = -1;

    // The shop's defaults: idempotence, murmur2 partitioning, a short linger for low latency.
    static ClientConfig defaults();
    // config is merged over defaults(); returns null with the reason when it cannot start.
    static std::unique_ptr<Producer> create(const ClientConfig &config, QString *error);
    ~Producer() override;

    bool produce(const QString &topic, const QByteArray &key, const QByteArray &value,
        const Headers &headers, quint64 token, QString *error, int partition = kAnyPartition);
    // Serves delivery reports and errors; returns how many events were served.
    int poll(int timeoutMs);
    QList<Delivery> takeDeliveries() { return std::exchange(m_deliveries, {}); }
    // Waits until every record is delivered or failed; false on timeout.
    bool flush(int timeoutMs);
    // Records handed over and not yet acknowledged.
    int inFlight() const;
    // Drops what has not been sent and ends the handle without waiting, like a crash would.
    void vanish();

private:
    Producer() = default;
    void onDelivery(const void *message) override;

    QList<Delivery> m_deliveries;
};

} // namespace chippy::kafka
