#include "log/topic_config.h"
#include "process_runner.h"
#include "rdkafka_admin.h"
#include "test_cluster.h"

#include <QTest>

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace chippy::test;

namespace {
constexpr int kEmbeddedDefaultPartitions = 3;
} // namespace

// librdkafka's admin API against the embedded broker and (tst_librdkafka_admin_on_kafka)
// Apache Kafka: each call's result and what it did. The wording of chippy-broker's error
// messages is its own, so it is checked on the embedded broker only.
class TestLibrdkafkaAdmin : public QObject
{
    Q_OBJECT

private:
    // The topic's configs that are set on it, as DescribeConfigs reports them.
    std::map<std::string, std::string> overridesOf(const std::string &topic)
    {
        std::map<std::string, std::string> set;
        for (const auto &[name, entry] :
            m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, topic).entries) {
            if (entry.source == RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG) {
                set.emplace(name, entry.value);
            }
        }
        return set;
    }

    bool embedded() const { return m_cluster->embedded() != nullptr; }
    // Apache Kafka answers CreateTopics before its metadata has the topic; the embedded broker
    // has it at once.
    bool visible(const std::string &topic, int partitions)
    {
        return QTest::qWaitFor(
            [&] { return m_admin->partitionCount(topic) == partitions; }, RdKafkaAdmin::kTimeoutMs);
    }
    std::string bootstrap() const { return m_cluster->bootstrapStd(); }
    QString bootstrapQ() const { return m_cluster->bootstrap(); }

    std::unique_ptr<TestCluster> m_cluster;
    std::unique_ptr<RdKafkaAdmin> m_admin;
    // Topic names, unique on the shared Apache Kafka.
    std::string ORDER, READY, COOK, HOT_FOOD, NOWHERE;

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.defaultPartitions = kEmbeddedDefaultPartitions;
        config.groupInitialRebalanceDelayMs = 0;
        m_cluster = std::make_unique<TestCluster>(config);
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
        m_admin = std::make_unique<RdKafkaAdmin>(bootstrap());
        const auto named = [&](const char *what) { return m_cluster->name(what).toStdString(); };
        ORDER = named("ORDER");
        READY = named("READY");
        COOK = named("COOK");
        HOT_FOOD = named("HOT-FOOD");
        NOWHERE = named("NOWHERE");
    }

    void cleanup()
    {
        m_admin.reset();
        m_cluster.reset();
    }

    void createsATopicWithItsPartitionsAndConfigs()
    {
        const auto o = m_admin->createTopic(ORDER, 4, 1, {{"retention.ms", "60000"}});
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->partitionCount(ORDER), 4, 15000);
        QCOMPARE(
            overridesOf(ORDER), (std::map<std::string, std::string> {{"retention.ms", "60000"}}));
    }

    void aTopicWithoutACountGetsTheBrokerDefault()
    {
        const auto o = m_admin->createTopic(READY, -1, -1);
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        const auto broker = m_admin->describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1");
        QVERIFY(broker.entries.contains("num.partitions"));
        QCOMPARE(
            m_admin->partitionCount(READY), std::stoi(broker.entries.at("num.partitions").value));
        if (embedded()) {
            QCOMPARE(m_admin->partitionCount(READY), kEmbeddedDefaultPartitions);
        }
    }

    void creatingAnExistingTopicFailsWithTheReason()
    {
        QCOMPARE(m_admin->createTopic(ORDER, 1, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 1));
        const auto o = m_admin->createTopic(ORDER, 2, 1);
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS);
        QVERIFY2(o.message.contains(QString::fromStdString(ORDER))
                && o.message.contains(QStringLiteral("already exists"), Qt::CaseInsensitive),
            qPrintable(o.message));
        if (embedded()) {
            QCOMPARE(o.message, QStringLiteral("topic ORDER already exists"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->partitionCount(ORDER), 1, 15000);
    }

    void moreThanOneReplicaIsRefused()
    {
        const auto o = m_admin->createTopic(ORDER, 1, 3);
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR);
        QVERIFY2(!embedded() || o.message.contains("replication factor 3"), qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount(ORDER), -1);
    }

    void aManualAssignmentToThisBrokerIsHonoured()
    {
        const auto o = m_admin->createTopic(COOK, 2, -1, {}, {{1}, {1}});
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->partitionCount(COOK), 2, 15000);
    }

    void anAssignmentToAnotherBrokerIsRefused()
    {
        const auto o = m_admin->createTopic(COOK, 2, -1, {}, {{1}, {2}});
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_REPLICA_ASSIGNMENT);
        QVERIFY2(!embedded() || o.message.contains("partition 1 must be assigned to broker 1"),
            qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount(COOK), -1);
    }

    void validateOnlyCreatesNothing()
    {
        const auto o = m_admin->createTopic(HOT_FOOD, 2, 1, {}, {}, true);
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount(HOT_FOOD), -1);
        const auto invalid = m_admin->createTopic(HOT_FOOD, 2, 3, {}, {}, true);
        QCOMPARE(invalid.error, RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR);
    }

    void aBadConfigValueIsRefusedWithTheReason()
    {
        const auto o = m_admin->createTopic(ORDER, 1, 1, {{"retention.ms", "soon"}});
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_CONFIG);
        QVERIFY2(
            !embedded() || o.message.contains("Not a number of type LONG"), qPrintable(o.message));
        QCOMPARE(m_admin->partitionCount(ORDER), -1);
    }

    void createPartitionsGrowsATopicThatProducersThenUse()
    {
        QCOMPARE(m_admin->createTopic(ORDER, 2, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 2));
        const auto o = m_admin->createPartitions(ORDER, 5);
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        // Apache Kafka answers CreatePartitions before every broker's metadata has the new
        // partitions; the embedded broker has them at once.
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->partitionCount(ORDER), 5, 15000);
        const auto p = runProcess(QStringLiteral("kcat"),
            {"-b", bootstrapQ(), "-P", "-t", QString::fromStdString(ORDER), "-p", "4"},
            "cod and chips\n");
        QCOMPARE(p.exitCode, 0);
        const auto c = runProcess(QStringLiteral("kcat"),
            {"-b", bootstrapQ(), "-C", "-t", QString::fromStdString(ORDER), "-p", "4", "-o",
                "beginning", "-e"});
        QCOMPARE(c.out.trimmed(), QByteArray("cod and chips"));
    }

    void aSubscribedGroupIsAssignedTheNewPartitions()
    {
        if (!embedded()) {
            QSKIP("Apache Kafka does not rebalance a classic group when its topics grow: members "
                  "find new partitions on their next metadata refresh, minutes away here");
        }
        QCOMPARE(m_admin->createTopic(ORDER, 2, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 2));
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[512];
        // Without the broker's nudge this consumer would not look at the topic again for
        // minutes, so only the rebalance the broker starts can bring the new partitions.
        for (const auto &[key, value] :
            std::map<std::string, std::string> {{"bootstrap.servers", bootstrap()},
                {"group.id", m_cluster->name("preparers").toStdString()},
                {"topic.metadata.refresh.interval.ms", "600000"}}) {
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
        rd_kafka_topic_partition_list_add(topics, ORDER.c_str(), RD_KAFKA_PARTITION_UA);
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
        QCOMPARE(m_admin->createPartitions(ORDER, 4).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QTRY_COMPARE_WITH_TIMEOUT(assigned(), 4, RdKafkaAdmin::kTimeoutMs);
    }

    void partitionsCannotBeTakenAway()
    {
        QCOMPARE(m_admin->createTopic(ORDER, 3, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 3));
        const auto o = m_admin->createPartitions(ORDER, 2);
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_PARTITIONS);
        QVERIFY2(!embedded() || o.message.contains("partition count can only go up"),
            qPrintable(o.message));
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->partitionCount(ORDER), 3, 15000);
    }

    void deleteTopicsRemovesTheTopic()
    {
        QCOMPARE(m_admin->createTopic(ORDER, 1, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 1));
        const auto o = m_admin->deleteTopic(ORDER);
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        // Apache Kafka deletes in the background: the topic leaves the metadata soon after.
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->partitionCount(ORDER), -1, RdKafkaAdmin::kTimeoutMs);
        QCOMPARE(m_admin->deleteTopic(ORDER).error, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
    }

    void describeConfigsListsEveryTopicConfigAndWhichAreDefaults()
    {
        QCOMPARE(m_admin->createTopic(ORDER, 1, 1, {{"retention.ms", "60000"}}).error,
            RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 1));
        const auto d = m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, ORDER);
        QVERIFY2(d.outcome.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(d.outcome.message));
        const auto expected = chippy::broker::topicConfigEntries(
            embedded() ? m_cluster->embedded()->config() : chippy::broker::BrokerConfig {});
        // Apache Kafka knows more topic configs, and its own defaults; chippy-broker's are a
        // subset with the same names.
        if (embedded()) {
            QCOMPARE(d.entries.size(), expected.size());
        }
        for (const auto &e : expected) {
            QVERIFY2(d.entries.contains(e.name), e.name.c_str());
            const auto &entry = d.entries.at(e.name);
            QVERIFY(!entry.readOnly);
            if (e.name == "retention.ms") {
                QCOMPARE(entry.value, std::string("60000"));
                QCOMPARE(entry.source, RD_KAFKA_CONFIG_SOURCE_DYNAMIC_TOPIC_CONFIG);
                QVERIFY(!entry.isDefault);
                QVERIFY(!entry.synonyms.empty());
                QCOMPARE(entry.synonyms[0].name, std::string("retention.ms"));
            }
            if (!embedded()) {
                continue;
            }
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
        const auto missing = m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, NOWHERE);
        QCOMPARE(missing.outcome.error, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART);
        if (embedded()) {
            QCOMPARE(missing.outcome.message, QStringLiteral("topic NOWHERE does not exist"));
        }
    }

    void describeConfigsOfTheBrokerTellsItsSettings()
    {
        const auto d = m_admin->describeConfigs(RD_KAFKA_RESOURCE_BROKER, "1");
        QVERIFY2(d.outcome.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(d.outcome.message));
        QVERIFY(d.entries.contains("num.partitions"));
        const auto &partitions = d.entries.at("num.partitions");
        QCOMPARE(std::stoi(partitions.value), embedded() ? kEmbeddedDefaultPartitions : 1);
        // Set by the embedding application (or server.properties), unlike the built-in default.
        QCOMPARE(partitions.source, RD_KAFKA_CONFIG_SOURCE_STATIC_BROKER_CONFIG);
        QVERIFY(partitions.readOnly);
        QCOMPARE(d.entries.at("log.retention.ms").source, RD_KAFKA_CONFIG_SOURCE_DEFAULT_CONFIG);
        // Apache Kafka lists its SASL listener too.
        QVERIFY(
            d.entries.at("advertised.listeners").value.starts_with("PLAINTEXT://" + bootstrap()));
    }

    void alterConfigsReplacesTheTopicsOverrides()
    {
        QCOMPARE(m_admin->createTopic(ORDER, 1, 1, {{"retention.ms", "60000"}}).error,
            RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 1));
        const auto o = m_admin->alterTopicConfigs(ORDER, {{"segment.bytes", "1048576"}});
        QVERIFY2(o.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(o.message));
        QCOMPARE(overridesOf(ORDER),
            (std::map<std::string, std::string> {{"segment.bytes", "1048576"}}));
        const auto d = m_admin->describeConfigs(RD_KAFKA_RESOURCE_TOPIC, ORDER);
        QCOMPARE(d.entries.at("segment.bytes").value, std::string("1048576"));
        QVERIFY(d.entries.at("retention.ms").isDefault);
    }

    void alterConfigsWithABadValueChangesNothing()
    {
        QCOMPARE(m_admin->createTopic(ORDER, 1, 1, {{"retention.ms", "60000"}}).error,
            RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 1));
        const auto o = m_admin->alterTopicConfigs(ORDER, {{"retention.bytes", "lots"}});
        QCOMPARE(o.error, RD_KAFKA_RESP_ERR_INVALID_CONFIG);
        QVERIFY2(!embedded() || o.message.contains("retention.bytes: Not a number of type LONG"),
            qPrintable(o.message));
        QCOMPARE(
            overridesOf(ORDER), (std::map<std::string, std::string> {{"retention.ms", "60000"}}));
    }

    void deleteRecordsMovesTheLogStartThatConsumersSee()
    {
        QByteArray input;
        for (int i = 0; i < 10; ++i) {
            input += "order " + QByteArray::number(i) + "\n";
        }
        QCOMPARE(m_admin->createTopic(ORDER, 1, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 1));
        QCOMPARE(
            runProcess(QStringLiteral("kcat"),
                {"-b", bootstrapQ(), "-P", "-t", QString::fromStdString(ORDER), "-p", "0"}, input)
                .exitCode,
            0);
        const auto [outcome, low] = m_admin->deleteRecords(ORDER, 0, 4);
        QVERIFY2(outcome.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(outcome.message));
        QCOMPARE(low, 4);

        std::int64_t lowWatermark = -1;
        std::int64_t highWatermark = -1;
        QCOMPARE(rd_kafka_query_watermark_offsets(m_admin->handle(), ORDER.c_str(), 0,
                     &lowWatermark, &highWatermark, RdKafkaAdmin::kTimeoutMs),
            RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(lowWatermark, 4);
        QCOMPARE(highWatermark, 10);
        const auto c = runProcess(QStringLiteral("kcat"),
            {"-b", bootstrapQ(), "-C", "-t", QString::fromStdString(ORDER), "-o", "beginning", "-e",
                "-f", "%o %s\\n"});
        const auto lines = c.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 6);
        QCOMPARE(lines.first(), QByteArray("4 order 4"));
    }

    void deleteRecordsToTheEndEmptiesThePartition()
    {
        QCOMPARE(m_admin->createTopic(ORDER, 1, 1).error, RD_KAFKA_RESP_ERR_NO_ERROR);
        QVERIFY(visible(ORDER, 1));
        QCOMPARE(runProcess(QStringLiteral("kcat"),
                     {"-b", bootstrapQ(), "-P", "-t", QString::fromStdString(ORDER), "-p", "0"},
                     "a\nb\nc\n")
                     .exitCode,
            0);
        const auto [outcome, low] = m_admin->deleteRecords(ORDER, 0, RD_KAFKA_OFFSET_END);
        QVERIFY2(outcome.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(outcome.message));
        QCOMPARE(low, 3);
        const auto beyond = m_admin->deleteRecords(ORDER, 0, 99).first;
        QCOMPARE(beyond.error, RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE);
    }
};

QTEST_GUILESS_MAIN(TestLibrdkafkaAdmin)
#include "tst_librdkafka_admin.moc"
