#include "kafka/producer.h"

#include <librdkafka/rdkafka.h>

namespace chippy::kafka {

ClientConfig Producer::defaults()
{
    return ClientConfig {
        {"enable.idempotence", "true"},
        {"partitioner", "murmur2_random"},
        {"linger.ms", "5"},
        {"compression.type", "none"},
    };
}

std::unique_ptr<Producer> Producer::create(const ClientConfig &config, QString *error)
{
    ClientConfig merged = defaults();
    merged.merge(config);
    std::unique_ptr<Producer> producer(new Producer);
    if (!producer->Client::create(Type::Producer, merged, error)) {
        return {};
    }
    return producer;
}

Producer::~Producer()
{
    destroyHandle(0);
}

bool Producer::produce(const QString &topic, const QByteArray &key, const QByteArray &value,
    const Headers &headers, quint64 token, QString *error, int partition)
{
    const QByteArray topicName = topic.toUtf8();
    rd_kafka_headers_t *hdrs = nullptr;
    if (!headers.isEmpty()) {
        hdrs = rd_kafka_headers_new(headers.size());
        for (const Header &h : headers) {
            rd_kafka_header_add(
                hdrs, h.name.constData(), h.name.size(), h.value.constData(), h.value.size());
        }
    }
    const rd_kafka_resp_err_t err = rd_kafka_producev(handle(),
        RD_KAFKA_V_TOPIC(topicName.constData()), RD_KAFKA_V_PARTITION(partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
        RD_KAFKA_V_KEY(key.isNull() ? nullptr : key.constData(), static_cast<size_t>(key.size())),
        RD_KAFKA_V_VALUE(const_cast<char *>(value.constData()), static_cast<size_t>(value.size())),
        RD_KAFKA_V_HEADERS(hdrs),
        RD_KAFKA_V_OPAQUE(reinterpret_cast<void *>(static_cast<quintptr>(token))), RD_KAFKA_V_END);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (hdrs) {
            // On failure the headers stay ours.
            rd_kafka_headers_destroy(hdrs);
        }
        if (error) {
            *error = err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC
                ? topicMissingInWords(topic)
                : errorInWords(err, QString(), errorContext());
        }
        return false;
    }
    return true;
}

int Producer::poll(int timeoutMs)
{
    return rd_kafka_poll(handle(), timeoutMs);
}

bool Producer::flush(int timeoutMs)
{
    return rd_kafka_flush(handle(), timeoutMs) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

int Producer::inFlight() const
{
    return handle() ? rd_kafka_outq_len(handle()) : 0;
}

void Producer::vanish()
{
    if (handle()) {
        // Purged records are abandoned: their delivery reports are never served.
        rd_kafka_purge(handle(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        destroyHandle(0);
    }
}

void Producer::onDelivery(const void *message)
{
    const auto *msg = static_cast<const rd_kafka_message_t *>(message);
    Delivery d;
    d.token = static_cast<quint64>(reinterpret_cast<quintptr>(msg->_private));
    d.topic = QString::fromUtf8(rd_kafka_topic_name(msg->rkt));
    d.partition = msg->partition;
    d.offset = msg->offset;
    d.timestampMs = rd_kafka_message_timestamp(msg, nullptr);
    d.error = msg->err;
    if (msg->err) {
        d.errorWords = msg->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC
                || msg->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
            ? topicMissingInWords(d.topic)
            : errorInWords(msg->err, QString::fromUtf8(rd_kafka_err2str(msg->err)), errorContext());
    }
    m_deliveries.append(std::move(d));
}

} // namespace chippy::kafka
