#include "broker_fixture.h"
#include "kafka/partitioner.h"
#include "kafka/producer.h"
#include "shop/queue_mapping.h"

#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// Queue number -> key -> partition, as the view draws it and as the producers really do it.
class TestQueueMapping : public QObject
{
    Q_OBJECT

private slots:
    void keysAreTheQueueNumberInDecimal()
    {
        QCOMPARE(keyForQueue(3), QByteArray("3"));
        QCOMPARE(keyForQueue(12), QByteArray("12"));
    }

    void matchesTheJavaClientsPartitioner()
    {
        // Hashes of the Java client's murmur2 (Utils.murmur2) for these keys; the Java
        // partitioner takes the positive part modulo the partition count.
        const QList<QPair<QByteArray, quint32>> javaHashes
            = {{"kafka", 0xd067cf64u}, {"giberish123456789", 0x8f552b0cu}, {"1234", 0x9fc97b14u}};
        for (const auto &[key, hash] : javaHashes) {
            for (int partitions : {1, 2, 3, 7, 12}) {
                const int expected = static_cast<int>((hash & 0x7fffffffu) % partitions);
                QCOMPARE(kafka::partitionForKey(key, partitions), expected);
            }
        }
    }

    void spreadsQueuesOverFewerPartitions()
    {
        QSet<int> used;
        for (int queue = 1; queue <= 8; ++queue) {
            const int p = partitionForQueue(queue, 3);
            QVERIFY(p >= 0 && p < 3);
            used.insert(p);
        }
        QCOMPARE(used.size(), 3);
    }

    void putsEachQueueWhereTheProducerPutsIt()
    {
        broker::BrokerConfig config;
        config.defaultPartitions = 5;
        test::BrokerFixture broker(false, config);
        QString error;
        auto producer = kafka::Producer::create(
            {{"bootstrap.servers", broker.bootstrapStd().c_str()}}, &error);
        QVERIFY2(producer, qPrintable(error));
        for (int queue = 1; queue <= 10; ++queue) {
            QVERIFY(producer->produce(QStringLiteral("ORDER"), keyForQueue(queue), "{}", {},
                static_cast<quint64>(queue), &error));
        }
        QVERIFY(producer->flush(15000));
        producer->poll(0);
        const QList<kafka::Delivery> deliveries = producer->takeDeliveries();
        QCOMPARE(deliveries.size(), 10);
        for (const kafka::Delivery &d : deliveries) {
            QCOMPARE(d.error, 0);
            QCOMPARE(d.partition, partitionForQueue(static_cast<int>(d.token), 5));
        }
    }
};

QTEST_GUILESS_MAIN(TestQueueMapping)
#include "tst_queuemapping.moc"
