#include "kafka/consumer.h"
#include "kafka/producer.h"
#include "shop_fixture.h"

#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// Bad input: an unreadable order goes to ORDER-DLQ with the reason in a header, is counted,
// and the preparer carries on.
class TestDeadLetter : public QObject
{
    Q_OBJECT

private:
    QList<kafka::Message> readDeadLetters(test::ShopFixture &f, int count)
    {
        QString error;
        auto c = kafka::Consumer::create(
            {{"bootstrap.servers", f.broker.bootstrapStd().c_str()}, {"group.id", "inspector"}},
            &error);
        c->setStartPosition(kafka::StartPosition::earliest());
        c->assign({{QStringLiteral("ORDER-DLQ"), 0}}, &error);
        QList<kafka::Message> got;
        // The caller checks how many arrived.
        (void)QTest::qWaitFor(
            [&] {
                got += c->poll(100, 10);
                return got.size() >= count;
            },
            15000);
        return got;
    }

    void produceRaw(test::ShopFixture &f, const QByteArray &value)
    {
        QString error;
        auto p = kafka::Producer::create(
            {{"bootstrap.servers", f.broker.bootstrapStd().c_str()}}, &error);
        QVERIFY(p->produce(QStringLiteral("ORDER"), "1", value, {}, 1, &error));
        QVERIFY(p->flush(10000));
        p->poll(0);
        QCOMPARE(p->takeDeliveries().first().error, 0);
    }

private slots:
    void anUnreadableOrderGoesToTheDeadLetterQueueWithItsReason()
    {
        ShopConfig config;
        config.ordersPerSecond = 10;
        test::ShopFixture f(config);
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served >= 3, 20000);
        produceRaw(f, "two cod and chips, please");

        QTRY_COMPARE_WITH_TIMEOUT(f.shop->stats().counts().deadLettered, 1, 20000);
        const QList<kafka::Message> dead = readDeadLetters(f, 1);
        QCOMPARE(dead.size(), 1);
        QCOMPARE(dead.first().value, QByteArray("two cod and chips, please"));
        QCOMPARE(dead.first().key, QByteArray("1"));
        QCOMPARE(dead.first().header("reason"), QByteArray("not JSON: illegal value at byte 1"));
        QCOMPARE(dead.first().header("source.topic"), QByteArray("ORDER"));

        // The preparer carries on serving the orders after the bad one.
        const qint64 servedBefore = f.shop->stats().counts().served;
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served > servedBefore + 5, 20000);
        QVERIFY(f.drain(1));
        const ShopCounts c = f.shop->stats().counts();
        // The raw record was not placed by a till; everything the tills placed was served.
        QCOMPARE(c.served, c.placed);
        QCOMPARE(c.deadLettered, 1);
        bool sawEvent = false;
        for (const ShopEvent &e : f.shop->events().drain()) {
            sawEvent = sawEvent
                || (e.kind == ShopEvent::Kind::DeadLettered
                    && e.text == QLatin1String("not JSON: illegal value at byte 1"));
        }
        QVERIFY(sawEvent);
    }

    void anOrderForSomethingNotOnTheMenuIsDeadLettered()
    {
        test::ShopFixture f;
        QVERIFY(f.shop->start().ok);
        produceRaw(f,
            R"({"order": 90001, "customer": "Tibs", "queue": 1, "parts": [["haddock", "chips"]]})");
        QTRY_COMPARE_WITH_TIMEOUT(f.shop->stats().counts().deadLettered, 1, 20000);
        const QList<kafka::Message> dead = readDeadLetters(f, 1);
        QCOMPARE(dead.size(), 1);
        QCOMPARE(dead.first().header("reason"), QByteArray("haddock is not on the menu"));
    }

    void aBrokenTillsOrderIsPlacedAndDeadLetteredSoNothingIsLost()
    {
        ShopConfig config;
        config.ordersPerSecond = 5;
        test::ShopFixture f(config);
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().placed >= 2, 20000);
        QVERIFY(f.shop->placeBadOrder().ok);
        QTRY_COMPARE_WITH_TIMEOUT(f.shop->stats().counts().deadLettered, 1, 20000);
        QVERIFY(f.drain());
        const ShopCounts c = f.shop->stats().counts();
        QCOMPARE(c.placed - c.served - c.deadLettered, 0);
        QCOMPARE(c.deadLettered, 1);
    }
};

QTEST_GUILESS_MAIN(TestDeadLetter)
#include "tst_deadletter.moc"
