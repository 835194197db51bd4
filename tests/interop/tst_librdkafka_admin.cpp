#include "broker_fixture.h"
#include "log/topic_config.h"
#include "process_runner.h"
#include "rdkafka_admin.h"

#include <QTest>

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace chippy::test;

// librdkafka's admin API against the embedded broker: each call's result and what it did.
class TestLibrdkafkaAdmin : public QObject
{
    Q_OBJECT

private:
    std::map<std::string, std::string> overridesOf(const std::string &topic)
    {
        for (const auto &t : m_broker->broker().snapshot().topics) {
            if (t.name == topic) {
                return t.configOverrides;
            }
        }
        return {};
    }

    std::unique_ptr<BrokerFixture> m_broker;
    std::unique_ptr<RdKafkaAdmin> m_admin;

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.defaultPartitions = 3;
        m_broker = std::make_unique<BrokerFixture>(false, config);
        m_admin = std::make_unique<RdKafkaAdmin>(m_broker->bootstrapStd());
    }

    void cleanup()
    {
        m_admin.reset();
        m_broker.reset();
    }

    void createsATopicWithItsPartitionsAndConfigs()
    {
        const auto o = m_admin->createTopic("ORDER", 4, 1, {{"retention.ms", "60000"}});
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("ORDER"), 4);
        QCOMPARE(
            overridesOf("ORDER"), (std::map<std::string, std::string> {{"retention.ms", "60000"}}));
    }

    void aTopicWithoutACountGetsTheBrokerDefault()
    {
        const auto o = m_admin->createTopic("READY", -1, -1);
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("READY"), 3);
    }

    void creatingAnExistingTopicFailsWithTheReason()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 1, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        const auto o = m_admin->createTopic("ORDER", 2, 1);
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS);
        QCOMPARE(o.message, QStringLiteral("topic ORDER already exists"));
        QCOMPARE(m_admin->partitionCount("ORDER"), 1);
    }

    void moreThanOneReplicaIsRefused()
    {
        const auto o = m_admin->createTopic("ORDER", 1, 3);
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR);
        QVERIFY2(o.message.contains("replication factor 3"), qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("ORDER"), -1);
    }

    void aManualAssignmentToThisBrokerIsHonoured()
    {
        const auto o = m_admin->createTopic("COOK", 2, -1, {}, {{1}, {1}});
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("COOK"), 2);
    }

    void anAssignmentToAnotherBrokerIsRefused()
    {
        const auto o = m_admin->createTopic("COOK", 2, -1, {}, {{1}, {2}});
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT);
        QVERIFY2(
            o.message.contains("partition 1 must be assigned to broker 1"), qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("COOK"), -1);
    }

    void validateOnlyCreatesNothing()
    {
        const auto o = m_admin->createTopic("HOT-FOOD", 2, 1, {}, {}, true);
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("HOT-FOOD"), -1);
        const auto invalid = m_admin->createTopic("HOT-FOOD", 2, 3, {}, {}, true);
        QCOMPARE(invalid.error, RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR);
    }

    void aBadConfigValueIsRefusedWithTheReason()
    {
        const auto o = m_admin->createTopic("ORDER", 1, 1, {{"retention.ms", "soon"}});
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_CONFIG);
        QVERIFY2(o.message.contains("Not a number of type LONG"), qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("ORDER"), -1);
    }

    void createPartitionsGrowsATopicThatProducersThenUse()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 2, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        const auto o = m_admin->createPartitions("ORDER", 5);
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("ORDER"), 5);
        const auto p = runProcess(QStringLiteral("kcat"),
            {"-b", m_broker->bootstrap(), "-P", "-t", "ORDER", "-p", "4"}, "cod and chips\n");
        QCOMPARE(p.exitCode, 0);
        const auto c = runProcess(QStringLiteral("kcat"),
            {"-b", m_broker->bootstrap(), "-C", "-t", "ORDER", "-p", "4", "-o", "beginning", "-e"});
        QCOMPARE(c.out.trimmed(), QByteArray("cod and chips"));
    }

    void aSubscribedGroupIsAssignedTheNewPartitions()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 2, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[512];
        // Without the broker's nudge this consumer would not look at the topic again for
        // minutes, so only the rebalance the broker starts can bring the new partitions.
        for (const auto &[key, value] :
            std::map<std::string, std::string> {{"bootstrap.servers", m_broker->bootstrapStd()},
                {"group.id", "preparers"}, {"topic.metadata.refresh.interval.ms", "600000"}}) {
            QCOMPARE(rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr),
                RD_KAFKA_CONF_OK);
        }
        std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t *)> consumer(
            rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr), [](rd_kafka_t *rk) {
                rd_kafka_consumer_close(rk);
                rd_kafka_destroy(rk);
            });
        QVERIFY2(consumer, errstr);
        rd_kafka_poll_set_consumer(consumer.get());
        auto *topics = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(topics, "ORDER", RD_KAFKA_PARTITION_UA);
        QCOMPARE(rd_kafka_subscribe(consumer.get(), topics), RD_KAFKA_RESP_ERR_NO_ERROR);
        rd_kafka_topic_partition_list_destroy(topics);
        const auto assigned = [&] {
            if (rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer.get(), 50)) {
                rd_kafka_message_destroy(m);
            }
            rd_kafka_topic_partition_list_t *list = nullptr;
            rd_kafka_assignment(consumer.get(), &list);
            const int count = list ? list->cnt : 0;
            rd_kafka_topic_partition_list_destroy(list);
            return count;
        };
        QTRY_COMPARE_WITH_TIMEOUT(assigned(), 2, RdKafkaAdmin::kTimeoutMs);
        QCOMPARE(m_admin->createPartitions("ORDER", 4).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QTRY_COMPARE_WITH_TIMEOUT(assigned(), 4, RdKafkaAdmin::kTimeoutMs);
    }

    void partitionsCannotBeTakenAway()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 3, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        const auto o = m_admin->createPartitions("ORDER", 2);
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_PARTITIONS);
        QVERIFY2(o.message.contains("partition count can only go up"), qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("ORDER"), 3);
    }

    void deleteTopicsRemovesTheTopic()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 1, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        const auto o = m_admin->deleteTopic("ORDER");
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount("ORDER"), -1);
        QCOMPARE(m_admin->deleteTopic("ORDER").error, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    }

    void describeConfigsListsEveryTopicConfigAndWhichAreDefaults()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 1, 1, {{"retention.ms", "60000"}}).error,
            RD_KAFKA_RESP_ERR_NO_ERROR);
        const auto d = m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "ORDER");
        QVERIFY2(d.outcome.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(d.outcome.message));
        const auto expected = chippy::broker::topicConfigEntries(m_broker->config());
        QCOMPARE(d.entries.size(), expected.size());
        for (const auto &e : expected) {
            QVERIFY2(d.entries.contains(e.name), e.name.c_str());
            const auto &entry = d.entries.at(e.name);
            QVERIFY(!entry.readOnly);
            if (e.name == "retention.ms") {
                QCOMPARE(entry.value, std::string("60000"));
                QCOMPARE(entry.source, RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);
                QVERIFY(!entry.isDefault);
                QCOMPARE(entry.synonyms.size(), std::size_t(2));
                QCOMPARE(entry.synonyms[1].name, std::string("log.retention.ms"));
                QCOMPARE(entry.synonyms[1].value, e.defaultValue);
                QCOMPARE(entry.synonyms[1].source, RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG);
            } else {
                QCOMPARE(entry.value, e.defaultValue);
                QCOMPARE(entry.source, RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG);
                QVERIFY(entry.isDefault);
            }
        }
        const auto missing = m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "NOWHERE");
        QCOMPARE(missing.outcome.error, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        QCOMPARE(missing.outcome.message, QStringLiteral("topic NOWHERE does not exist"));
    }

    void describeConfigsOfTheBrokerTellsItsSettings()
    {
        const auto d = m_admin->describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1");
        QVERIFY2(d.outcome.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(d.outcome.message));
        QVERIFY(d.entries.contains("num.partitions"));
        const auto &partitions = d.entries.at("num.partitions");
        QCOMPARE(partitions.value, std::string("3"));
        // Set by the embedding application, unlike the built-in default of 1.
        QCOMPARE(partitions.source, RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG);
        QVERIFY(partitions.readOnly);
        QCOMPARE(d.entries.at("log.retention.ms").source, RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG);
        QCOMPARE(
            d.entries.at("advertised.listeners").value, "PLAINTEXT://" + m_broker->bootstrapStd());
    }

    void alterConfigsReplacesTheTopicsOverrides()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 1, 1, {{"retention.ms", "60000"}}).error,
            RD_KAFKA_RESP_ERR_NO_ERROR);
        const auto o = m_admin->alterTopicConfigs("ORDER", {{"segment.bytes", "1048576"}});
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(overridesOf("ORDER"),
            (std::map<std::string, std::string> {{"segment.bytes", "1048576"}}));
        const auto d = m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, "ORDER");
        QCOMPARE(d.entries.at("segment.bytes").value, std::string("1048576"));
        QVERIFY(d.entries.at("retention.ms").isDefault);
    }

    void alterConfigsWithABadValueChangesNothing()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 1, 1, {{"retention.ms", "60000"}}).error,
            RD_KAFKA_RESP_ERR_NO_ERROR);
        const auto o = m_admin->alterTopicConfigs("ORDER", {{"retention.bytes", "lots"}});
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_CONFIG);
        QVERIFY2(o.message.contains("Invalid value lots for configuration retention.bytes"),
            qPrintable(o.message));
        QCOMPARE(
            overridesOf("ORDER"), (std::map<std::string, std::string> {{"retention.ms", "60000"}}));
    }

    void deleteRecordsMovesTheLogStartThatConsumersSee()
    {
        QByteArray input;
        for (int i = 0; i < 10; ++i) {
            input += "order " + QByteArray::number(i) + "\n";
        }
        QCOMPARE(m_admin->createTopic("ORDER", 1, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(runProcess(QStringLiteral("kcat"),
                     {"-b", m_broker->bootstrap(), "-P", "-t", "ORDER", "-p", "0"}, input)
                     .exitCode,
            0);
        const auto [outcome, low] = m_admin->deleteRecords("ORDER", 0, 4);
        QVERIFY2(outcome.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(outcome.message));
        QCOMPARE(low, 4);

        std::int64_t lowWatermark = -1;
        std::int64_t highWatermark = -1;
        QCOMPARE(rd_kafka_query_watermark_offsets(m_admin->handle(), "ORDER", 0, &lowWatermark,
                     &highWatermark, RdKafkaAdmin::kTimeoutMs),
            RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(lowWatermark, 4);
        QCOMPARE(highWatermark, 10);
        const auto c = runProcess(QStringLiteral("kcat"),
            {"-b", m_broker->bootstrap(), "-C", "-t", "ORDER", "-o", "beginning", "-e", "-f",
                "%o %s\\n"});
        const auto lines = c.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines.first(), QByteArray("4 order 4"));
    }

    void deleteRecordsToTheEndEmptiesThePartition()
    {
        QCOMPARE(m_admin->createTopic("ORDER", 1, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(runProcess(QStringLiteral("kcat"),
                     {"-b", m_broker->bootstrap(), "-P", "-t", "ORDER", "-p", "0"}, "a\nb\nc\n")
                     .exitCode,
            0);
        const auto [outcome, low] = m_admin->deleteRecords("ORDER", 0, RD_KAFKA_OFFSET_END);
        QVERIFY2(outcome.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(outcome.message));
        QCOMPARE(low, 3);
        const auto beyond = m_admin->deleteRecords("ORDER", 0, 99).first;
        QCOMPARE(beyond.error, RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE);
    }
};

QTEST_GUILESS_MAIN(TestLibrdkafkaAdmin)
#include "tst_librdkafka_admin.moc"
