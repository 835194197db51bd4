#pragma once

#include <QString>

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace chippy::test {

struct AdminOutcome
{
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR__TIMED_OUT;
    QString message;
};

struct ConfigSynonymView
{
    std::string name;
    std::string value;
    rd_kafka_ConfigSource_t source;
};

struct ConfigEntryView
{
    std::string value;
    rd_kafka_ConfigSource_t source = RD_KAFKA_CONFIG_SOURCE_UNKNOWN_CONFIG;
    bool isDefault = false;
    bool readOnly = false;
    std::vector<ConfigSynonymView> synonyms;
};

struct DescribedConfigs
{
    AdminOutcome outcome;
    std::map<std::string, ConfigEntryView> entries;
};

// The librdkafka admin API on a producer handle, one call at a time, for tests.
class RdKafkaAdmin
{
public:
    static constexpr int kTimeoutMs = 30000;

    explicit RdKafkaAdmin(const std::string &bootstrap);
    ~RdKafkaAdmin();
    RdKafkaAdmin(const RdKafkaAdmin &) = delete;
    RdKafkaAdmin &operator=(const RdKafkaAdmin &) = delete;

    rd_kafka_t *handle() const { return m_rk; }

    AdminOutcome createTopic(const std::string &name, int partitions, int replicationFactor,
        const std::map<std::string, std::string> &configs = {},
        const std::vector<std::vector<std::int32_t>> &assignment = {}, bool validateOnly = false);

    AdminOutcome createPartitions(const std::string &name, int total);

    AdminOutcome deleteTopic(const std::string &name);

    DescribedConfigs describeConfigs(rd_kafka_ResourceType_t type, const std::string &name);

    AdminOutcome alterTopicConfigs(
        const std::string &name, const std::map<std::string, std::string> &configs);

    // Returns the outcome and the partition's low watermark afterwards.
    std::pair<AdminOutcome, std::int64_t> deleteRecords(
        const std::string &topic, std::int32_t partition, std::int64_t before);

    // Partition count from a metadata request, or -1 when the topic is not listed.
    int partitionCount(const std::string &topic);

private:
    rd_kafka_AdminOptions_t *optionsFor(rd_kafka_admin_op_t op);

    rd_kafka_event_t *await(rd_kafka_event_type_t type, AdminOutcome &failure);

    using PickTopicResult = const rd_kafka_topic_result_t *(*)(rd_kafka_event_t *);
    AdminOutcome topicOutcome(rd_kafka_event_type_t type, PickTopicResult pick);

    static ConfigEntryView entryOf(const rd_kafka_ConfigEntry_t *c);

    rd_kafka_t *m_rk = nullptr;
    rd_kafka_queue_t *m_queue = nullptr;
};

} // namespace chippy::test
