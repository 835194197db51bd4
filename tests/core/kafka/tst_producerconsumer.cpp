#include "broker_fixture.h"
#include "kafka/admin.h"
#include "kafka/consumer.h"
#include "kafka/producer.h"

#include <QDateTime>
#include <QTest>

using namespace chippy;
using namespace chippy::kafka;

// The producer and consumer wrappers against the embedded broker over TCP.
class TestProducerConsumer : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<test::BrokerFixture> m_broker;

    ClientConfig base() const { return {{"bootstrap.servers", m_broker->bootstrapStd().c_str()}}; }

    std::unique_ptr<Producer> producer()
    {
        QString error;
        auto p = Producer::create(base(), &error);
        if (!p) {
            qWarning() << error;
        }
        return p;
    }

    std::unique_ptr<Consumer> consumer(const QByteArray &group)
    {
        ClientConfig c = base();
        c.set("group.id", group);
        c.set("session.timeout.ms", "6000");
        c.set("heartbeat.interval.ms", "500");
        QString error;
        auto consumer = Consumer::create(c, &error);
        if (!consumer) {
            qWarning() << error;
        }
        return consumer;
    }

    // Produces values in order and waits for every acknowledgement.
    QList<Delivery> produceAll(Producer &p, const QString &topic, const QList<QByteArray> &values,
        const QByteArray &key = {})
    {
        QString error;
        quint64 token = 1;
        for (const QByteArray &v : values) {
            if (!p.produce(topic, key, v, {{"source", "test"}}, token++, &error)) {
                qWarning() << error;
            }
        }
        p.flush(10000);
        p.poll(0);
        return p.takeDeliveries();
    }

    QList<Message> readAtLeast(Consumer &c, int count, int timeoutMs = 20000)
    {
        QList<Message> all;
        QElapsedTimer clock;
        clock.start();
        while (all.size() < count && clock.elapsed() < timeoutMs) {
            all += c.poll(100, 100);
        }
        return all;
    }

    void createTopic(const QString &name, int partitions)
    {
        QString error;
        auto admin = Admin::create(base(), &error);
        QVERIFY2(admin, qPrintable(error));
        QVERIFY2(
            admin->createTopics({{name, partitions, -1, {}}}, 10000, &error), qPrintable(error));
    }

private slots:
    void init() { m_broker = std::make_unique<test::BrokerFixture>(); }
    void cleanup() { m_broker.reset(); }

    void anIdempotentProducerIsAcknowledgedInOrder()
    {
        auto p = producer();
        QVERIFY(p);
        const QList<Delivery> d = produceAll(*p, QStringLiteral("fryer"), {"a", "b", "c"}, "q1");
        QCOMPARE(d.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(d[i].error, 0);
            QCOMPARE(d[i].token, quint64(i + 1));
            QCOMPARE(d[i].offset, qint64(i));
            QCOMPARE(d[i].topic, QStringLiteral("fryer"));
        }
        QCOMPARE(p->inFlight(), 0);
    }

    void readsAssignedPartitionsWithKeysAndHeaders()
    {
        auto p = producer();
        produceAll(*p, QStringLiteral("counter"), {"cod", "chips"}, "3");
        auto c = consumer("reader");
        c->setStartPosition(StartPosition::earliest());
        QString error;
        QVERIFY(c->assign({{QStringLiteral("counter"), 0}}, &error));
        const QList<Message> got = readAtLeast(*c, 2);
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].value, QByteArray("cod"));
        QCOMPARE(got[1].value, QByteArray("chips"));
        QCOMPARE(got[0].key, QByteArray("3"));
        QCOMPARE(got[1].offset, qint64(1));
        QCOMPARE(got[0].header("source"), QByteArray("test"));
    }

    void startsAtAGivenOffset()
    {
        auto p = producer();
        produceAll(*p, QStringLiteral("offsets"), {"0", "1", "2", "3", "4"});
        auto c = consumer("from-three");
        c->setStartPosition(StartPosition::atOffset(3));
        QString error;
        QVERIFY(c->assign({{QStringLiteral("offsets"), 0}}, &error));
        const QList<Message> got = readAtLeast(*c, 2);
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].value, QByteArray("3"));
        QCOMPARE(got[1].value, QByteArray("4"));
    }

    void startsAtAGivenTime()
    {
        auto p = producer();
        produceAll(*p, QStringLiteral("timed"), {"early"});
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > before);
        const qint64 cut = QDateTime::currentMSecsSinceEpoch();
        produceAll(*p, QStringLiteral("timed"), {"late"});
        auto c = consumer("from-time");
        c->setStartPosition(StartPosition::atTime(cut));
        QString error;
        QVERIFY(c->subscribe({QStringLiteral("timed")}, &error));
        const QList<Message> got = readAtLeast(*c, 1);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].value, QByteArray("late"));
    }

    void startsAtTheEndWhenAskedForLatest()
    {
        auto p = producer();
        produceAll(*p, QStringLiteral("latest"), {"old"});
        auto c = consumer("from-latest");
        c->setStartPosition(StartPosition::latest());
        QString error;
        QVERIFY(c->subscribe({QStringLiteral("latest")}, &error));
        const auto listOffsets = [this] {
            const auto counts = m_broker->broker().snapshot().requestCounts;
            const auto it = counts.find("ListOffsets");
            return it == counts.end() ? std::uint64_t(0) : it->second;
        };
        const std::uint64_t before = listOffsets();
        QTRY_VERIFY_WITH_TIMEOUT((c->poll(50, 10), !c->assignment().isEmpty()), 15000);
        // "Latest" is resolved with a ListOffsets request; records produced after its answer
        // are the new ones.
        QTRY_VERIFY_WITH_TIMEOUT((c->poll(50, 10), listOffsets() > before), 15000);
        produceAll(*p, QStringLiteral("latest"), {"new"});
        const QList<Message> got = readAtLeast(*c, 1);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].value, QByteArray("new"));
    }

    void aGroupMemberReportsItsAssignmentAndGeneration()
    {
        createTopic(QStringLiteral("shared"), 2);
        // Declared first: closing the consumer at the end reports the final revoke into it.
        QList<Rebalance> changes;
        auto c = consumer("pair");
        c->setRebalanceHandler([&](const Rebalance &r) { changes << r; });
        QString error;
        QVERIFY(c->subscribe({QStringLiteral("shared")}, &error));
        QTRY_VERIFY_WITH_TIMEOUT((c->poll(50, 10), !changes.isEmpty()), 15000);
        QCOMPARE(changes.first().kind, Rebalance::Kind::Assigned);
        QCOMPARE(changes.first().partitions.size(), 2);
        QVERIFY(changes.first().generation >= 1);
        QVERIFY(!changes.first().memberId.isEmpty());
        QCOMPARE(c->memberId(), changes.first().memberId);
    }

    void commitsOnlyWhatWasStored()
    {
        auto p = producer();
        produceAll(*p, QStringLiteral("stored"), {"0", "1", "2", "3"});
        {
            auto c = consumer("careful");
            QString error;
            QVERIFY(c->subscribe({QStringLiteral("stored")}, &error));
            const QList<Message> got = readAtLeast(*c, 4);
            QCOMPARE(got.size(), 4);
            // Only the first two are finished.
            c->storeOffset({QStringLiteral("stored"), 0}, 2);
            QVERIFY2(c->commit(&error), qPrintable(error));
            c->close();
        }
        auto again = consumer("careful");
        QString error;
        QVERIFY(again->subscribe({QStringLiteral("stored")}, &error));
        const QList<Message> got = readAtLeast(*again, 2);
        QCOMPARE(got.size(), 2);
        QCOMPARE(got[0].value, QByteArray("2"));
    }
};

QTEST_GUILESS_MAIN(TestProducerConsumer)
#include "tst_producerconsumer.moc"
