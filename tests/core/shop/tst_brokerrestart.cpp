#include "embedded_kafka.h"
#include "shop/shop.h"

#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// The embedded broker restarts on its data directory under a busy shop: every order placed
// is still served, none twice.
class TestBrokerRestart : public QObject
{
    Q_OBJECT

private slots:
    void noOrderIsLostWhenTheBrokerRestartsUnderLoad()
    {
        app::EmbeddedKafka cluster;
        QString error;
        QVERIFY2(cluster.start(&error), qPrintable(error));
        const QString address = cluster.bootstrapServers();

        ShopConfig config;
        config.cluster.set("bootstrap.servers", address.toUtf8());
        config.model = 4;
        config.tills = 3;
        config.orderPartitions = 2;
        config.preparers = 2;
        config.cooks = 1;
        config.counters = 2;
        config.ordersPerSecond = 20;
        config.cookTimeMs = 100;
        config.sessionTimeoutMs = 6000;
        config.heartbeatIntervalMs = 500;
        Shop shop(config);
        shop.setLocalCluster(&cluster);
        QVERIFY(shop.start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(shop.stats().counts().served >= 40, 20000);

        const qint64 placedBefore = shop.stats().counts().placed;
        const CommandResult restarted = shop.restartBroker();
        QVERIFY2(restarted.ok, qPrintable(restarted.text));
        QCOMPARE(cluster.bootstrapServers(), address);
        // Customers keep coming and keep being served after the restart.
        QTRY_VERIFY_WITH_TIMEOUT(shop.stats().counts().served > placedBefore + 40, 30000);

        shop.stopTills();
        QTRY_VERIFY_WITH_TIMEOUT(shop.stats().counts().outstanding() <= 0, 30000);
        const ShopCounts c = shop.stats().counts();
        QCOMPARE(c.served, c.placed);
        QCOMPARE(c.servedTwice, 0);
        QVERIFY(c.sentToCook > 0);
        shop.stop();
    }

    void restartingIsRefusedWithoutAnEmbeddedBroker()
    {
        Shop shop(ShopConfig {});
        const CommandResult r = shop.restartBroker();
        QVERIFY(!r.ok);
        QCOMPARE(r.text, QStringLiteral("only the embedded broker can be restarted from here"));
    }
};

QTEST_GUILESS_MAIN(TestBrokerRestart)
#include "tst_brokerrestart.moc"
