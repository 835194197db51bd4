#include "rdkafka_group_member.h"

#include <future>

namespace chippy::test {

RdKafkaGroupMember::RdKafkaGroupMember(
    std::map<std::string, std::string> settings, std::vector<std::string> topics)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    for (const auto &[key, value] : settings) {
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr)
            != RD_KAFKA_CONF_OK) {
            m_startError = errstr;
            rd_kafka_conf_destroy(conf);
            return;
        }
    }
    rd_kafka_conf_set_rebalance_cb(conf, &RdKafkaGroupMember::onRebalance);
    rd_kafka_conf_set_opaque(conf, this);
    m_rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!m_rk) {
        m_startError = errstr;
        return;
    }
    rd_kafka_poll_set_consumer(m_rk);
    rd_kafka_topic_partition_list_t *subscription
        = rd_kafka_topic_partition_list_new(static_cast<int>(topics.size()));
    for (const auto &t : topics) {
        rd_kafka_topic_partition_list_add(subscription, t.c_str(), RD_KAFKA_PARTITION_UA);
    }
    const rd_kafka_resp_err_t err = rd_kafka_subscribe(m_rk, subscription);
    rd_kafka_topic_partition_list_destroy(subscription);
    if (err) {
        m_startError = rd_kafka_err2str(err);
        return;
    }
    m_thread = std::thread([this] { run(); });
}

RdKafkaGroupMember::~RdKafkaGroupMember()
{
    close();
    if (m_rk) {
        rd_kafka_destroy(m_rk);
    }
}

void RdKafkaGroupMember::onRebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err,
    rd_kafka_topic_partition_list_t *partitions, void *opaque)
{
    auto *self = static_cast<RdKafkaGroupMember *>(opaque);
    std::set<TopicPartition> assigned;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        rd_kafka_assign(rk, partitions);
        for (int i = 0; i < partitions->cnt; ++i) {
            assigned.emplace(partitions->elems[i].topic, partitions->elems[i].partition);
        }
    } else {
        rd_kafka_assign(rk, nullptr);
    }
    std::lock_guard lock(self->m_mutex);
    self->m_assignment = std::move(assigned);
    self->m_recordsBeforeAssignment = self->m_records.size();
}

void RdKafkaGroupMember::run()
{
    while (!m_stop) {
        std::vector<std::function<void()>> tasks;
        {
            std::lock_guard lock(m_mutex);
            tasks.swap(m_tasks);
        }
        for (auto &task : tasks) {
            task();
        }
        rd_kafka_message_t *m = rd_kafka_consumer_poll(m_rk, kPollIntervalMs);
        if (!m) {
            continue;
        }
        if (!m->err) {
            ConsumedRecord r {rd_kafka_topic_name(m->rkt), m->partition, m->offset,
                std::string(static_cast<const char *>(m->payload), m->len)};
            std::lock_guard lock(m_mutex);
            m_records.push_back(std::move(r));
        }
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(m_rk);
}

void RdKafkaGroupMember::runOnPollThread(std::function<void()> task)
{
    std::lock_guard lock(m_mutex);
    m_tasks.push_back(std::move(task));
}

std::set<TopicPartition> RdKafkaGroupMember::assignment() const
{
    std::lock_guard lock(m_mutex);
    return m_assignment;
}

std::vector<ConsumedRecord> RdKafkaGroupMember::records() const
{
    std::lock_guard lock(m_mutex);
    return m_records;
}

std::size_t RdKafkaGroupMember::recordCount() const
{
    std::lock_guard lock(m_mutex);
    return m_records.size();
}

std::size_t RdKafkaGroupMember::recordCountSinceAssignment() const
{
    std::lock_guard lock(m_mutex);
    return m_records.size() - m_recordsBeforeAssignment;
}

std::string RdKafkaGroupMember::memberId() const
{
    if (!m_rk) {
        return {};
    }
    char *id = rd_kafka_memberid(m_rk);
    std::string out = id ? id : "";
    rd_kafka_mem_free(m_rk, id);
    return out;
}

rd_kafka_resp_err_t RdKafkaGroupMember::commit()
{
    if (!m_thread.joinable()) {
        return RD_KAFKA_RESP_ERR__STATE;
    }
    auto done = std::make_shared<std::promise<rd_kafka_resp_err_t>>();
    auto result = done->get_future();
    runOnPollThread([this, done] { done->set_value(rd_kafka_commit(m_rk, nullptr, 0)); });
    return result.get();
}

void RdKafkaGroupMember::close()
{
    if (m_thread.joinable()) {
        m_stop = true;
        m_thread.join();
    }
}

} // namespace chippy::test
