#include "broker_fixture.h"
#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "kafka/producer.h"

#include <QTest>

using namespace chippy;
using namespace chippy::kafka;

// Topic and group administration against the embedded broker.
class TestAdmin : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::BrokerFixture> m_broker;
    std::unique_ptr<Admin> m_admin;

    ClientConfig base() const { return {{"bootstrap.servers", m_broker->bootstrapStd().c_str()}}; }

private slots:
    void init()
    {
        m_broker = std::make_unique<test::BrokerFixture>();
        QString error;
        m_admin = Admin::create(base(), &error);
        QVERIFY2(m_admin, qPrintable(error));
    }
    void cleanup()
    {
        m_admin.reset();
        m_broker.reset();
    }

    void createsTopicsAndTreatsExistingOnesAsCreated()
    {
        QString error;
        QVERIFY2(m_admin->createTopics(
                     {{QStringLiteral("ORDER"), 3, -1, {}}, {QStringLiteral("READY"), 1, -1, {}}},
                     10000, &error),
            qPrintable(error));
        QCOMPARE(m_admin->partitionCount(QStringLiteral("ORDER"), 10000, &error), 3);
        QCOMPARE(m_admin->partitionCount(QStringLiteral("READY"), 10000, &error), 1);
        QCOMPARE(m_admin->partitionCount(QStringLiteral("NOTHING"), 10000, &error), 0);
        QVERIFY2(m_admin->createTopics({{QStringLiteral("ORDER"), 3, -1, {}}}, 10000, &error),
            qPrintable(error));
    }

    void addsPartitionsButSaysKafkaCannotTakeThemAway()
    {
        QString error;
        QVERIFY(m_admin->createTopics({{QStringLiteral("ORDER"), 2, -1, {}}}, 10000, &error));
        QVERIFY2(m_admin->createPartitions(QStringLiteral("ORDER"), 4, 10000, &error),
            qPrintable(error));
        QCOMPARE(m_admin->partitionCount(QStringLiteral("ORDER"), 10000, &error), 4);
        QVERIFY(!m_admin->createPartitions(QStringLiteral("ORDER"), 2, 10000, &error));
        QCOMPARE(error,
            QStringLiteral("ORDER has 4 partitions; Kafka can add partitions to a topic but "
                           "never take them away"));
    }

    void deletesTopics()
    {
        QString error;
        QVERIFY(m_admin->createTopics({{QStringLiteral("gone"), 1, -1, {}}}, 10000, &error));
        QVERIFY2(m_admin->deleteTopics({QStringLiteral("gone")}, 10000, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_admin->partitionCount(QStringLiteral("gone"), 10000, &error), 0, 10000);
    }

    void listsTheOffsetsOfEveryPartition()
    {
        QString error;
        QVERIFY(m_admin->createTopics({{QStringLiteral("counted"), 2, -1, {}}}, 10000, &error));
        auto p = Producer::create(base(), &error);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(p->produce(QStringLiteral("counted"), {}, "x", {}, 0, &error, 1));
        }
        QVERIFY(p->flush(10000));
        const auto offsets = m_admin->listOffsets(QStringLiteral("counted"), 10000, &error);
        QVERIFY2(offsets, qPrintable(error));
        QCOMPARE(offsets->size(), 2);
        QCOMPARE(offsets->at(0).latest, qint64(0));
        QCOMPARE(offsets->at(1).earliest, qint64(0));
        QCOMPARE(offsets->at(1).latest, qint64(5));
    }

    void describesAGroupWithItsMembersAndCommittedOffsets()
    {
        QString error;
        QVERIFY(m_admin->createTopics({{QStringLiteral("fish"), 2, -1, {}}}, 10000, &error));
        auto p = Producer::create(base(), &error);
        QVERIFY(p->produce(QStringLiteral("fish"), {}, "cod", {}, 0, &error, 0));
        QVERIFY(p->flush(10000));

        ClientConfig c = base();
        c.set("group.id", "friers");
        c.set("client.id", "frier-1");
        auto consumer = Consumer::create(c, &error);
        QVERIFY(consumer->subscribe({QStringLiteral("fish")}, &error));
        QList<Message> got;
        QTRY_VERIFY_WITH_TIMEOUT((got += consumer->poll(50, 10), !got.isEmpty()), 15000);
        consumer->storeOffset({QStringLiteral("fish"), 0}, got.first().offset + 1);
        QVERIFY2(consumer->commit(&error), qPrintable(error));

        const auto group = m_admin->describeGroup(QStringLiteral("friers"), 10000, &error);
        QVERIFY2(group, qPrintable(error));
        QCOMPARE(group->state, QStringLiteral("Stable"));
        QCOMPARE(group->members.size(), 1);
        QCOMPARE(group->members.first().clientId, QStringLiteral("frier-1"));
        QCOMPARE(group->members.first().assignment.size(), 2);

        const auto committed = m_admin->committedOffsets(
            QStringLiteral("friers"), QStringLiteral("fish"), 10000, &error);
        QVERIFY2(committed, qPrintable(error));
        QCOMPARE(committed->value({QStringLiteral("fish"), 0}), qint64(1));
        QCOMPARE(committed->value({QStringLiteral("fish"), 1}), qint64(-1));
    }

    void altersATopicSetting()
    {
        QString error;
        QVERIFY(m_admin->createTopics({{QStringLiteral("old-chips"), 1, -1, {}}}, 10000, &error));
        QVERIFY2(m_admin->alterTopicConfig(
                     QStringLiteral("old-chips"), {{"retention.ms", "60000"}}, 10000, &error),
            qPrintable(error));
        const auto snapshot = m_broker->broker().snapshot();
        bool found = false;
        for (const auto &t : snapshot.topics) {
            if (t.name == "old-chips") {
                found = true;
                QCOMPARE(QString::fromStdString(t.configOverrides.at("retention.ms")),
                    QStringLiteral("60000"));
            }
        }
        QVERIFY(found);

        // Read back over DescribeConfigs: what is set on the topic, not the defaults.
        const auto overrides = m_admin->topicOverrides(
            {QStringLiteral("old-chips"), QStringLiteral("none")}, 10000, &error);
        QVERIFY2(overrides, qPrintable(error));
        QCOMPARE(overrides->value(QStringLiteral("old-chips")).value("retention.ms"),
            QByteArray("60000"));
        QVERIFY(!overrides->value(QStringLiteral("old-chips")).contains("cleanup.policy"));
        QVERIFY(!overrides->contains(QStringLiteral("none")));
    }

    void describesSeveralGroupsAndTheirCommittedOffsets()
    {
        QString error;
        const auto groups = m_admin->describeGroups(
            {QStringLiteral("nobody-here"), QStringLiteral("nor-here")}, 10000, &error);
        QVERIFY2(groups, qPrintable(error));
        QCOMPARE(groups->size(), 2);
        for (const GroupDescription &g : *groups) {
            QVERIFY(g.members.isEmpty());
        }
        QVERIFY(m_admin->createTopics({{QStringLiteral("fryer"), 2, -1, {}}}, 10000, &error));
        const auto offsets = m_admin->logOffsets(
            {QStringLiteral("fryer"), QStringLiteral("not-a-topic")}, 10000, &error);
        QVERIFY2(offsets, qPrintable(error));
        QCOMPARE(offsets->size(), 2);
        const auto committed = m_admin->committedOffsets(
            QStringLiteral("nobody-here"), {{QStringLiteral("fryer"), 0}}, 10000, &error);
        QVERIFY2(committed, qPrintable(error));
        QCOMPARE(committed->value({QStringLiteral("fryer"), 0}), -1);
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
