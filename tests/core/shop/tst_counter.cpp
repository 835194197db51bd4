#include "kafka/producer.h"
#include "shop/order.h"
#include "shop_fixture.h"

#include <QDateTime>
#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// Counters hand each order over once, however often Kafka delivers it.
class TestCounter : public QObject
{
    Q_OBJECT

private slots:
    void aRedeliveredOrderIsServedOnce()
    {
        ShopConfig config;
        config.tills = 0;
        config.counters = 2;
        test::ShopFixture f(config);
        QVERIFY(f.shop->start().ok);

        Order order;
        order.number = 42;
        order.customer = QStringLiteral("Tibs");
        order.queue = 1;
        order.parts = {{QStringLiteral("cod"), QStringLiteral("chips")}};
        order.placedMs = QDateTime::currentMSecsSinceEpoch();
        QString error;
        auto p = kafka::Producer::create(
            {{"bootstrap.servers", f.broker.bootstrapStd().c_str()}}, &error);
        // The same order on both READY partitions, as after a rebalance with a different key.
        for (int partition = 0; partition < 2; ++partition) {
            QVERIFY(p->produce(
                QStringLiteral("READY"), "42", order.toJson(), {}, 1, &error, partition));
            QVERIFY(p->produce(
                QStringLiteral("READY"), "42", order.toJson(), {}, 1, &error, partition));
        }
        QVERIFY(p->flush(10000));

        QTRY_COMPARE_WITH_TIMEOUT(f.shop->stats().counts().duplicatesDropped, 3, 20000);
        const ShopCounts c = f.shop->stats().counts();
        QCOMPARE(c.served, 1);
        QCOMPARE(c.servedTwice, 0);
        int servedEvents = 0;
        int droppedEvents = 0;
        for (const ShopEvent &e : f.shop->events().drain()) {
            servedEvents += e.kind == ShopEvent::Kind::OrderServed && e.order == 42;
            droppedEvents += e.kind == ShopEvent::Kind::DuplicateDropped && e.order == 42;
        }
        QCOMPARE(servedEvents, 1);
        QCOMPARE(droppedEvents, 3);
    }
};

QTEST_GUILESS_MAIN(TestCounter)
#include "tst_counter.moc"
