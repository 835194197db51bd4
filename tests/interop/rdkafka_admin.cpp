#include "rdkafka_admin.h"

namespace chippy::test {

RdKafkaAdmin::RdKafkaAdmin(const std::string &bootstrap)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), errstr, sizeof errstr);
    m_rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    m_queue = rd_kafka_queue_new(m_rk);
}

RdKafkaAdmin::~RdKafkaAdmin()
{
    rd_kafka_queue_destroy(m_queue);
    rd_kafka_destroy(m_rk);
}

AdminOutcome RdKafkaAdmin::createTopic(const std::string &name, int partitions,
    int replicationFactor, const std::map<std::string, std::string> &configs,
    const std::vector<std::vector<std::int32_t>> &assignment, bool validateOnly)
{
    char errstr[512];
    rd_kafka_NewTopic_t *topic
        = rd_kafka_NewTopic_new(name.c_str(), partitions, replicationFactor, errstr, sizeof errstr);
    if (!topic) {
        return {RD_KAFKA_RESP_ERR__INVALID_ARG, QString::fromUtf8(errstr)};
    }
    for (const auto &[key, value] : configs) {
        rd_kafka_NewTopic_set_config(topic, key.c_str(), value.c_str());
    }
    for (std::size_t p = 0; p < assignment.size(); ++p) {
        auto brokers = assignment[p];
        const auto err = rd_kafka_NewTopic_set_replica_assignment(
            topic, std::int32_t(p), brokers.data(), brokers.size(), errstr, sizeof errstr);
        if (err) {
            rd_kafka_NewTopic_destroy(topic);
            return {err, QString::fromUtf8(errstr)};
        }
    }
    auto *options = optionsFor(RD_KAFKA_ADMIN_OP_CREATETOPICS);
    if (validateOnly) {
        rd_kafka_AdminOptions_set_validate_only(options, 1, errstr, sizeof errstr);
    }
    rd_kafka_CreateTopics(m_rk, &topic, 1, options, m_queue);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_NewTopic_destroy(topic);
    return topicOutcome(RD_KAFKA_EVENT_CREATETOPICS_RESULT, [](rd_kafka_event_t *ev) {
        std::size_t n = 0;
        const auto **r
            = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        return n == 1 ? r[0] : nullptr;
    });
}

AdminOutcome RdKafkaAdmin::createPartitions(const std::string &name, int total)
{
    char errstr[512];
    rd_kafka_NewPartitions_t *np
        = rd_kafka_NewPartitions_new(name.c_str(), std::size_t(total), errstr, sizeof errstr);
    auto *options = optionsFor(RD_KAFKA_ADMIN_OP_CREATEPARTITIONS);
    rd_kafka_CreatePartitions(m_rk, &np, 1, options, m_queue);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_NewPartitions_destroy(np);
    return topicOutcome(RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT, [](rd_kafka_event_t *ev) {
        std::size_t n = 0;
        const auto **r = rd_kafka_CreatePartitions_result_topics(
            rd_kafka_event_CreatePartitions_result(ev), &n);
        return n == 1 ? r[0] : nullptr;
    });
}

AdminOutcome RdKafkaAdmin::deleteTopic(const std::string &name)
{
    rd_kafka_DeleteTopic_t *dt = rd_kafka_DeleteTopic_new(name.c_str());
    auto *options = optionsFor(RD_KAFKA_ADMIN_OP_DELETETOPICS);
    rd_kafka_DeleteTopics(m_rk, &dt, 1, options, m_queue);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_DeleteTopic_destroy(dt);
    return topicOutcome(RD_KAFKA_EVENT_DELETETOPICS_RESULT, [](rd_kafka_event_t *ev) {
        std::size_t n = 0;
        const auto **r
            = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev), &n);
        return n == 1 ? r[0] : nullptr;
    });
}

DescribedConfigs RdKafkaAdmin::describeConfigs(
    rd_kafka_ResourceType_t type, const std::string &name)
{
    rd_kafka_ConfigResource_t *resource = rd_kafka_ConfigResource_new(type, name.c_str());
    auto *options = optionsFor(RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS);
    rd_kafka_DescribeConfigs(m_rk, &resource, 1, options, m_queue);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_ConfigResource_destroy(resource);
    DescribedConfigs d;
    rd_kafka_event_t *ev = await(RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT, d.outcome);
    if (!ev) {
        return d;
    }
    std::size_t n = 0;
    const auto **resources
        = rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev), &n);
    if (n == 1) {
        d.outcome = {rd_kafka_ConfigResource_error(resources[0]),
            QString::fromUtf8(rd_kafka_ConfigResource_error_string(resources[0]))};
        std::size_t count = 0;
        const auto **configs = rd_kafka_ConfigResource_configs(resources[0], &count);
        for (std::size_t i = 0; i < count; ++i) {
            d.entries[rd_kafka_ConfigEntry_name(configs[i])] = entryOf(configs[i]);
        }
    }
    rd_kafka_event_destroy(ev);
    return d;
}

AdminOutcome RdKafkaAdmin::alterTopicConfigs(
    const std::string &name, const std::map<std::string, std::string> &configs)
{
    rd_kafka_ConfigResource_t *resource
        = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.c_str());
    for (const auto &[key, value] : configs) {
        rd_kafka_ConfigResource_set_config(resource, key.c_str(), value.c_str());
    }
    auto *options = optionsFor(RD_KAFKA_ADMIN_OP_ALTERCONFIGS);
    rd_kafka_AlterConfigs(m_rk, &resource, 1, options, m_queue);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_ConfigResource_destroy(resource);
    AdminOutcome o;
    rd_kafka_event_t *ev = await(RD_KAFKA_EVENT_ALTERCONFIGS_RESULT, o);
    if (!ev) {
        return o;
    }
    std::size_t n = 0;
    const auto **resources
        = rd_kafka_AlterConfigs_result_resources(rd_kafka_event_AlterConfigs_result(ev), &n);
    if (n == 1) {
        o = {rd_kafka_ConfigResource_error(resources[0]),
            QString::fromUtf8(rd_kafka_ConfigResource_error_string(resources[0]))};
    }
    rd_kafka_event_destroy(ev);
    return o;
}

std::pair<AdminOutcome, std::int64_t> RdKafkaAdmin::deleteRecords(
    const std::string &topic, std::int32_t partition, std::int64_t before)
{
    auto *offsets = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(offsets, topic.c_str(), partition)->offset = before;
    rd_kafka_DeleteRecords_t *dr = rd_kafka_DeleteRecords_new(offsets);
    rd_kafka_topic_partition_list_destroy(offsets);
    auto *options = optionsFor(RD_KAFKA_ADMIN_OP_DELETERECORDS);
    rd_kafka_DeleteRecords(m_rk, &dr, 1, options, m_queue);
    rd_kafka_AdminOptions_destroy(options);
    rd_kafka_DeleteRecords_destroy(dr);
    AdminOutcome o;
    std::int64_t low = -1;
    rd_kafka_event_t *ev = await(RD_KAFKA_EVENT_DELETERECORDS_RESULT, o);
    if (!ev) {
        return {o, low};
    }
    const auto *result
        = rd_kafka_DeleteRecords_result_offsets(rd_kafka_event_DeleteRecords_result(ev));
    if (result && result->cnt == 1) {
        o = {result->elems[0].err, QString::fromUtf8(rd_kafka_err2str(result->elems[0].err))};
        low = result->elems[0].offset;
    }
    rd_kafka_event_destroy(ev);
    return {o, low};
}

int RdKafkaAdmin::partitionCount(const std::string &topic)
{
    const rd_kafka_metadata_t *md = nullptr;
    if (rd_kafka_metadata(m_rk, 1, nullptr, &md, kTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return -2;
    }
    int count = -1;
    for (int i = 0; i < md->topic_cnt; ++i) {
        if (topic == md->topics[i].topic && md->topics[i].err == 0) {
            count = md->topics[i].partition_cnt;
        }
    }
    rd_kafka_metadata_destroy(md);
    return count;
}

rd_kafka_AdminOptions_t *RdKafkaAdmin::optionsFor(rd_kafka_admin_op_t op)
{
    char errstr[512];
    auto *options = rd_kafka_AdminOptions_new(m_rk, op);
    rd_kafka_AdminOptions_set_request_timeout(options, kTimeoutMs, errstr, sizeof errstr);
    return options;
}

rd_kafka_event_t *RdKafkaAdmin::await(rd_kafka_event_type_t type, AdminOutcome &failure)
{
    rd_kafka_event_t *ev = rd_kafka_queue_poll(m_queue, kTimeoutMs);
    if (!ev) {
        failure = {RD_KAFKA_RESP_ERR__TIMED_OUT, QStringLiteral("no admin result")};
        return nullptr;
    }
    if (rd_kafka_event_type(ev) != type || rd_kafka_event_error(ev)) {
        failure = {rd_kafka_event_error(ev), QString::fromUtf8(rd_kafka_event_error_string(ev))};
        rd_kafka_event_destroy(ev);
        return nullptr;
    }
    return ev;
}

AdminOutcome RdKafkaAdmin::topicOutcome(rd_kafka_event_type_t type, PickTopicResult pick)
{
    AdminOutcome o;
    rd_kafka_event_t *ev = await(type, o);
    if (!ev) {
        return o;
    }
    if (const rd_kafka_topic_result_t *r = pick(ev)) {
        o = {rd_kafka_topic_result_error(r),
            QString::fromUtf8(rd_kafka_topic_result_error_string(r))};
    }
    rd_kafka_event_destroy(ev);
    return o;
}

ConfigEntryView RdKafkaAdmin::entryOf(const rd_kafka_ConfigEntry_t *c)
{
    ConfigEntryView e;
    const char *value = rd_kafka_ConfigEntry_value(c);
    e.value = value ? value : "";
    e.source = rd_kafka_ConfigEntry_source(c);
    e.isDefault = rd_kafka_ConfigEntry_is_default(c);
    e.readOnly = rd_kafka_ConfigEntry_is_read_only(c);
    std::size_t n = 0;
    const auto **synonyms = rd_kafka_ConfigEntry_synonyms(c, &n);
    for (std::size_t i = 0; i < n; ++i) {
        const char *v = rd_kafka_ConfigEntry_value(synonyms[i]);
        e.synonyms.push_back({rd_kafka_ConfigEntry_name(synonyms[i]), v ? v : "",
            rd_kafka_ConfigEntry_source(synonyms[i])});
    }
    return e;
}

} // namespace chippy::test
