#include "rdkafka_log_clients.h"
#include "test_cluster.h"

#include <QDeadlineTimer>
#include <QTest>

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>
#include <utility>

using namespace chippy::test;

namespace {

constexpr int kDeadlineMs = 30000;
constexpr int kPollMs = 100;

using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t,
    decltype(&rd_kafka_topic_partition_list_destroy)>;
using Event = std::unique_ptr<rd_kafka_event_t, decltype(&rd_kafka_event_destroy)>;

PartitionList partitionsOf(
    const std::string &kTopic, const std::map<std::int32_t, std::int64_t> &offsets)
{
    PartitionList list(rd_kafka_topic_partition_list_new(int(offsets.size())),
        &rd_kafka_topic_partition_list_destroy);
    for (const auto &[partition, offset] : offsets) {
        rd_kafka_topic_partition_list_add(list.get(), kTopic.c_str(), partition)->offset = offset;
    }
    return list;
}

std::map<std::int32_t, std::int64_t> offsetsIn(const rd_kafka_topic_partition_list_t *list)
{
    std::map<std::int32_t, std::int64_t> offsets;
    for (int i = 0; list && i < list->cnt; ++i) {
        offsets[list->elems[i].partition] = list->elems[i].offset;
    }
    return offsets;
}

std::map<std::int32_t, rd_kafka_resp_err_t> errorsIn(const rd_kafka_topic_partition_list_t *list)
{
    std::map<std::int32_t, rd_kafka_resp_err_t> errors;
    for (int i = 0; list && i < list->cnt; ++i) {
        errors[list->elems[i].partition] = list->elems[i].err;
    }
    return errors;
}

RdKafkaHandle makeConsumer(const std::string &bootstrap, const std::string &group)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    const std::map<std::string, std::string> settings {{"bootstrap.servers", bootstrap},
        {"group.id", group}, {"enable.auto.commit", "false"}, {"auto.offset.reset", "earliest"}};
    for (const auto &[key, value] : settings) {
        rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr);
    }
    RdKafkaHandle consumer(rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr));
    if (consumer) {
        rd_kafka_poll_set_consumer(consumer.get());
    }
    return consumer;
}

} // namespace

// librdkafka's DeleteConsumerGroupOffsets (OffsetDelete) and DeleteGroups against the broker,
// checked through the offsets a consumer of the group then finds committed; on the embedded
// broker and (tst_librdkafka_groupdeletion_on_kafka) on Apache Kafka.
class TestLibrdkafkaGroupDeletion : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestCluster> m_cluster;
    std::string kTopic;

    PartitionList partitionsOf(const std::map<std::int32_t, std::int64_t> &offsets) const
    {
        return ::partitionsOf(kTopic, offsets);
    }
    std::string group(const char *name) const { return m_cluster->name(name).toStdString(); }
    RdKafkaHandle m_admin;
    rd_kafka_queue_t *m_queue = nullptr;

    Event await(rd_kafka_event_type_t type)
    {
        const QDeadlineTimer deadline(kDeadlineMs);
        while (!deadline.hasExpired()) {
            Event ev(rd_kafka_queue_poll(m_queue, kPollMs), &rd_kafka_event_destroy);
            if (ev && rd_kafka_event_type(ev.get()) == type) {
                return ev;
            }
        }
        return Event(nullptr, &rd_kafka_event_destroy);
    }

    std::map<std::string, rd_kafka_resp_err_t> deleteGroups(const std::vector<std::string> &groups)
    {
        std::vector<rd_kafka_DeleteGroup_t *> requests;
        for (const auto &g : groups) {
            requests.push_back(rd_kafka_DeleteGroup_new(g.c_str()));
        }
        rd_kafka_DeleteGroups(m_admin.get(), requests.data(), requests.size(), nullptr, m_queue);
        rd_kafka_DeleteGroup_destroy_array(requests.data(), requests.size());
        std::map<std::string, rd_kafka_resp_err_t> errors;
        const auto ev = await(RD_KAFKA_EVENT_DELETEGROUPS_RESULT);
        if (!ev) {
            return errors;
        }
        size_t n = 0;
        const auto **results
            = rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev.get()), &n);
        for (size_t i = 0; i < n; ++i) {
            const rd_kafka_error_t *e = rd_kafka_group_result_error(results[i]);
            errors[rd_kafka_group_result_name(results[i])]
                = e ? rd_kafka_error_code(e) : RD_KAFKA_RESP_ERR_NO_ERROR;
        }
        return errors;
    }

    // The request's error, then each partition's.
    std::pair<rd_kafka_resp_err_t, std::map<std::int32_t, rd_kafka_resp_err_t>> deleteOffsets(
        const std::string &group, const std::map<std::int32_t, std::int64_t> &partitions)
    {
        const auto list = partitionsOf(partitions);
        rd_kafka_DeleteConsumerGroupOffsets_t *request
            = rd_kafka_DeleteConsumerGroupOffsets_new(group.c_str(), list.get());
        rd_kafka_DeleteConsumerGroupOffsets(m_admin.get(), &request, 1, nullptr, m_queue);
        rd_kafka_DeleteConsumerGroupOffsets_destroy(request);
        const auto ev = await(RD_KAFKA_EVENT_DELETECONSUMERGROUPOFFSETS_RESULT);
        if (!ev) {
            return {RD_KAFKA_RESP_ERR__TIMED_OUT, {}};
        }
        if (rd_kafka_event_error(ev.get())) {
            return {rd_kafka_event_error(ev.get()), {}};
        }
        size_t n = 0;
        const auto **results = rd_kafka_DeleteConsumerGroupOffsets_result_groups(
            rd_kafka_event_DeleteConsumerGroupOffsets_result(ev.get()), &n);
        if (n != 1) {
            return {RD_KAFKA_RESP_ERR__BAD_MSG, {}};
        }
        const rd_kafka_error_t *e = rd_kafka_group_result_error(results[0]);
        return {e ? rd_kafka_error_code(e) : RD_KAFKA_RESP_ERR_NO_ERROR,
            errorsIn(rd_kafka_group_result_partitions(results[0]))};
    }

    std::map<std::int32_t, std::int64_t> committed(rd_kafka_t *consumer)
    {
        const auto list = partitionsOf({{0, 0}, {1, 0}});
        if (rd_kafka_committed(consumer, list.get(), kDeadlineMs) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return {};
        }
        return offsetsIn(list.get());
    }

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.groupInitialRebalanceDelayMs = 0;
        m_cluster = std::make_unique<TestCluster>(config);
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
        kTopic = m_cluster->name(QStringLiteral("ORDER")).toStdString();
        const auto created = createTopic(m_cluster->bootstrapStd(), kTopic, 2, {}, kDeadlineMs);
        QVERIFY2(created.empty(), created.c_str());
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[512];
        rd_kafka_conf_set(
            conf, "bootstrap.servers", m_cluster->bootstrapStd().c_str(), errstr, sizeof errstr);
        m_admin.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
        QVERIFY2(m_admin, errstr);
        m_queue = rd_kafka_queue_new(m_admin.get());
    }

    void cleanup()
    {
        if (m_queue) {
            rd_kafka_queue_destroy(m_queue);
            m_queue = nullptr;
        }
        m_admin.reset();
        m_cluster.reset();
    }

    void offsetsAndThenTheGroupAreDeleted()
    {
        const auto counters = group("counters");
        auto consumer = makeConsumer(m_cluster->bootstrapStd(), counters);
        QVERIFY(consumer);
        QCOMPARE(rd_kafka_commit(consumer.get(), partitionsOf({{0, 5}, {1, 7}}).get(), 0),
            RD_KAFKA_RESP_ERR_NO_ERROR);
        const std::map<std::int32_t, std::int64_t> both {{0, 5}, {1, 7}};
        QCOMPARE(committed(consumer.get()), both);

        const auto [error, partitions] = deleteOffsets(counters, {{0, 0}});
        QCOMPARE(error, RD_KAFKA_RESP_ERR_NO_ERROR);
        const std::map<std::int32_t, rd_kafka_resp_err_t> ok {{0, RD_KAFKA_RESP_ERR_NO_ERROR}};
        QCOMPARE(partitions, ok);
        const std::map<std::int32_t, std::int64_t> second {{0, RD_KAFKA_OFFSET_INVALID}, {1, 7}};
        QCOMPARE(committed(consumer.get()), second);

        const auto nobody = group("nobody");
        const auto deleted = deleteGroups({counters, nobody});
        QCOMPARE(deleted.at(counters), RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(deleted.at(nobody), RD_KAFKA_RESP_ERR_GROUP_ID_NOT_FOUND);
        const std::map<std::int32_t, std::int64_t> none {
            {0, RD_KAFKA_OFFSET_INVALID}, {1, RD_KAFKA_OFFSET_INVALID}};
        QCOMPARE(committed(consumer.get()), none);
        rd_kafka_consumer_close(consumer.get());
    }

    void aGroupThatIsConsumingIsNotDeleted()
    {
        const auto fryers = group("fryers");
        auto consumer = makeConsumer(m_cluster->bootstrapStd(), fryers);
        QVERIFY(consumer);
        const auto topics = partitionsOf({{RD_KAFKA_PARTITION_UA, 0}});
        QCOMPARE(rd_kafka_subscribe(consumer.get(), topics.get()), RD_KAFKA_RESP_ERR_NO_ERROR);
        const QDeadlineTimer deadline(kDeadlineMs);
        rd_kafka_topic_partition_list_t *assigned = nullptr;
        while (!deadline.hasExpired()) {
            if (rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer.get(), kPollMs)) {
                rd_kafka_message_destroy(m);
            }
            rd_kafka_assignment(consumer.get(), &assigned);
            const bool done = assigned && assigned->cnt == 2;
            rd_kafka_topic_partition_list_destroy(assigned);
            if (done) {
                break;
            }
        }
        QVERIFY(!deadline.hasExpired());
        QCOMPARE(rd_kafka_commit(consumer.get(), partitionsOf({{0, 3}}).get(), 0),
            RD_KAFKA_RESP_ERR_NO_ERROR);

        QCOMPARE(deleteGroups({fryers}).at(fryers), RD_KAFKA_RESP_ERR_NON_EMPTY_GROUP);
        const auto [error, partitions] = deleteOffsets(fryers, {{0, 0}});
        QCOMPARE(error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(partitions.at(0), RD_KAFKA_RESP_ERR_GROUP_SUBSCRIBED_TO_TOPIC);
        QCOMPARE(committed(consumer.get()).at(0), std::int64_t(3));
        rd_kafka_consumer_close(consumer.get());
    }
};

QTEST_GUILESS_MAIN(TestLibrdkafkaGroupDeletion)
#include "tst_librdkafka_groupdeletion.moc"
