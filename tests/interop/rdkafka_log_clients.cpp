#include "rdkafka_log_clients.h"

#include <QDeadlineTimer>

namespace chippy::test {
namespace {

constexpr int kPollMs = 100;

void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
{
    static_cast<std::vector<Delivery> *>(opaque)->push_back(
        {reinterpret_cast<std::intptr_t>(m->_private), m->partition, m->offset, m->err});
}

rd_kafka_conf_t *configure(const std::map<std::string, std::string> &settings, std::string &error)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    for (const auto &[key, value] : settings) {
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr)
            != RD_KAFKA_CONF_OK) {
            error = errstr;
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    return conf;
}

RdKafkaHandle make(rd_kafka_type_t type, rd_kafka_conf_t *conf, std::string &error)
{
    char errstr[512];
    rd_kafka_t *rk = rd_kafka_new(type, conf, errstr, sizeof errstr);
    if (!rk) {
        error = errstr;
    }
    return RdKafkaHandle(rk);
}

} // namespace

RdKafkaHandle makeProducer(const std::map<std::string, std::string> &settings,
    std::vector<Delivery> &deliveries, std::string &error)
{
    rd_kafka_conf_t *conf = configure(settings, error);
    if (!conf) {
        return nullptr;
    }
    rd_kafka_conf_set_dr_msg_cb(conf, &onDelivery);
    rd_kafka_conf_set_opaque(conf, &deliveries);
    return make(RD_KAFKA_PRODUCER, conf, error);
}

bool produce(rd_kafka_t *producer, const std::string &topic, const std::string &key,
    const std::string &value, std::int64_t index)
{
    return rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()),
               RD_KAFKA_V_KEY(key.data(), key.size()),
               RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
               RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
               RD_KAFKA_V_OPAQUE(reinterpret_cast<void *>(static_cast<std::intptr_t>(index))),
               RD_KAFKA_V_END)
        == RD_KAFKA_RESP_ERR_NO_ERROR;
}

PartitionReader::PartitionReader(const std::string &bootstrap, const std::string &topic,
    std::int32_t partition, std::int64_t start, const std::string &autoOffsetReset)
{
    rd_kafka_conf_t *conf
        = configure({{"bootstrap.servers", bootstrap}, {"group.id", "partition-reader"},
                        {"enable.auto.commit", "false"}, {"auto.offset.reset", autoOffsetReset}},
            m_error);
    if (!conf) {
        return;
    }
    m_consumer = make(RD_KAFKA_CONSUMER, conf, m_error);
    if (!m_consumer) {
        return;
    }
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, topic.c_str(), partition)->offset = start;
    if (const auto err = rd_kafka_assign(m_consumer.get(), list)) {
        m_error = rd_kafka_err2str(err);
    }
    rd_kafka_topic_partition_list_destroy(list);
}

PartitionReader::~PartitionReader()
{
    if (m_consumer) {
        rd_kafka_consumer_close(m_consumer.get());
    }
}

const std::vector<ReadRecord> &PartitionReader::readUntil(std::int64_t untilOffset, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_consumer && !deadline.hasExpired()
        && (m_records.empty() || m_records.back().offset + 1 < untilOffset)) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(m_consumer.get(), kPollMs);
        if (!m) {
            continue;
        }
        if (!m->err) {
            m_records.push_back({m->partition, m->offset,
                std::string(static_cast<const char *>(m->payload), m->len)});
        }
        rd_kafka_message_destroy(m);
    }
    return m_records;
}

std::string createTopic(const std::string &bootstrap, const std::string &name, int partitions,
    const std::map<std::string, std::string> &configs, int timeoutMs)
{
    std::string error;
    std::vector<Delivery> unused;
    auto client = makeProducer({{"bootstrap.servers", bootstrap}}, unused, error);
    if (!client) {
        return error;
    }
    char errstr[512];
    rd_kafka_NewTopic_t *topic
        = rd_kafka_NewTopic_new(name.c_str(), partitions, 1, errstr, sizeof errstr);
    if (!topic) {
        return errstr;
    }
    for (const auto &[key, value] : configs) {
        rd_kafka_NewTopic_set_config(topic, key.c_str(), value.c_str());
    }
    rd_kafka_queue_t *queue = rd_kafka_queue_new(client.get());
    rd_kafka_CreateTopics(client.get(), &topic, 1, nullptr, queue);
    rd_kafka_NewTopic_destroy(topic);
    rd_kafka_event_t *event = rd_kafka_queue_poll(queue, timeoutMs);
    if (!event) {
        error = "no answer to CreateTopics";
    } else if (rd_kafka_event_error(event)) {
        error = rd_kafka_event_error_string(event);
    } else {
        std::size_t n = 0;
        const auto **results
            = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &n);
        if (n != 1) {
            error = "CreateTopics answered for " + std::to_string(n) + " topics";
        } else if (rd_kafka_topic_result_error(results[0])) {
            const char *why = rd_kafka_topic_result_error_string(results[0]);
            error = why ? why : rd_kafka_err2str(rd_kafka_topic_result_error(results[0]));
        }
    }
    if (event) {
        rd_kafka_event_destroy(event);
    }
    rd_kafka_queue_destroy(queue);
    return error;
}

std::pair<std::int64_t, std::int64_t> watermarks(
    const std::string &bootstrap, const std::string &topic, std::int32_t partition, int timeoutMs)
{
    std::string error;
    std::vector<Delivery> unused;
    auto client = makeProducer({{"bootstrap.servers", bootstrap}}, unused, error);
    std::int64_t low = -1;
    std::int64_t high = -1;
    if (client
        && rd_kafka_query_watermark_offsets(
               client.get(), topic.c_str(), partition, &low, &high, timeoutMs)
            != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return {-1, -1};
    }
    return {low, high};
}

} // namespace chippy::test
