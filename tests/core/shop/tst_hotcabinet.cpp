#include "analytics/analytics_store.h"
#include "real_servers.h"
#include "redis_server_process.h"
#include "shop/cabinet_order.h"
#include "shop_fixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// Model 6 on the embedded broker: the preparers take portions from the hot cabinet, the cook
// tops it up by whole batches, closing time counts the waste. CHIPPY_CABINET_STORE=redis runs
// the same cases on the redis fixture's Redis, and the outage case on a Redis of its own.
class TestHotCabinet : public QObject
{
    Q_OBJECT

private:
    static constexpr int kServeTimeoutMs = 30000;
    static constexpr int kOutageTimeoutMs = 20000;
    static constexpr double kRate = 20;
    static constexpr int kCookMs = 100;
    static constexpr int kExtraRounds = 5;

    bool onRedis() const
    {
        return qEnvironmentVariable("CHIPPY_CABINET_STORE") == QLatin1String("redis");
    }

    // A hash of its own on the shared Redis, so that no other test's portions count.
    cabinet::CabinetSettings cabinetSettings()
    {
        cabinet::CabinetSettings settings;
        if (onRedis()) {
            const test::RealRedis redis = test::realRedis();
            settings.url = redis.url;
            settings.password = redis.password;
            settings.key = QStringLiteral("chippy:test:hotcabinet:%1:%2")
                               .arg(QCoreApplication::applicationPid())
                               .arg(++m_keys);
        }
        return settings;
    }

    static ShopConfig model6(cabinet::CabinetSettings cabinet, double plaiceShare)
    {
        ShopConfig config;
        config.model = ShopConfig::kFirstModelWithCabinet;
        config.tills = 4;
        config.orderPartitions = 3;
        config.preparers = 3;
        config.cooks = 2;
        config.counters = 2;
        config.ordersPerSecond = kRate;
        config.cookTimeMs = kCookMs;
        config.plaiceShare = plaiceShare;
        config.cabinet = std::move(cabinet);
        return config;
    }

    // Every event the shop posted so far, kept across drains.
    QList<ShopEvent> &collect(Shop &shop)
    {
        m_events += shop.events().drain().toList();
        return m_events;
    }

    qint64 count(Shop &shop, ShopEvent::Kind kind, const QString &text = {})
    {
        qint64 n = 0;
        for (const ShopEvent &e : collect(shop)) {
            n += e.kind == kind && (text.isEmpty() || e.text.contains(text)) ? 1 : 0;
        }
        return n;
    }

    static void verifyEveryOrderServedOnce(const ShopCounts &c)
    {
        QVERIFY(c.placed > 0);
        QCOMPARE(c.served, c.placed);
        QCOMPARE(c.servedTwice, 0);
        QCOMPARE(c.deadLettered, 0);
    }

    QList<ShopEvent> m_events;
    int m_keys = 0;

private slots:
    void init() { m_events.clear(); }

    void everyOrderIsServedOnceAndEveryPortionCookedIsTakenOrWasted()
    {
        test::ShopFixture f(model6(cabinetSettings(), 0.3));
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served >= 40, kServeTimeoutMs);
        QVERIFY2(f.drain(), "every order is served within the drain time");
        f.shop->stop();

        verifyEveryOrderServedOnce(f.shop->stats().counts());
        const CabinetTotals totals = f.shop->stats().cabinet().totals();
        QVERIFY(CabinetTotals::sum(totals.taken) > 0);
        for (const QString &item : {QStringLiteral("cod"), QStringLiteral("chips")}) {
            QVERIFY2(totals.cooked.value(item) > 0, qPrintable(item));
            QCOMPARE(
                totals.cooked.value(item), totals.taken.value(item) + totals.wasted.value(item));
        }
        QVERIFY2(!totals.cooked.contains(QStringLiteral("plaice")),
            "plaice never goes into the cabinet");
        QVERIFY(totals.friedToOrder.value(QStringLiteral("plaice")) > 0);
        QVERIFY(count(*f.shop, ShopEvent::Kind::PortionsWasted) > 0
            || CabinetTotals::sum(totals.wasted) == 0);
    }

    void theCookTopsTheCabinetUpByWholeBatches()
    {
        test::ShopFixture f(model6(cabinetSettings(), 0.3));
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(
            count(*f.shop, ShopEvent::Kind::PortionsCooked, QStringLiteral("cod")) >= 2
                && count(*f.shop, ShopEvent::Kind::PortionsCooked, QStringLiteral("chips")) >= 2,
            kServeTimeoutMs);
        QVERIFY(f.drain());
        f.shop->stop();
        const cabinet::Portions batches = cabinet_order::batchSizes(f.shop->config().menu);
        QCOMPARE(batches.value(QStringLiteral("cod")), 6);
        QCOMPARE(batches.value(QStringLiteral("chips")), 10);
        for (const ShopEvent &e : collect(*f.shop)) {
            if (e.kind == ShopEvent::Kind::PortionsCooked) {
                QVERIFY2(batches.contains(e.text), qPrintable(e.text));
                QVERIFY2(e.value > 0 && e.value % batches.value(e.text) == 0,
                    qPrintable(QStringLiteral("%1 %2").arg(e.value).arg(e.text)));
            }
        }
    }

    void anOrderShortOfCodGoesToTheCookAndComesBack()
    {
        // No plaice: an order goes to the cook only because the cabinet was short.
        ShopConfig config = model6(cabinetSettings(), 0.0);
        config.ordersPerSecond = 4;
        test::ShopFixture f(config);
        QVERIFY(f.shop->start().ok);
        qint64 order = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ShopEvent &e : collect(*f.shop)) {
                    if (e.kind == ShopEvent::Kind::SentToCook) {
                        order = e.order;
                        return true;
                    }
                }
                return false;
            }(),
            kServeTimeoutMs);
        const auto seen = [&](ShopEvent::Kind kind) {
            for (const ShopEvent &e : collect(*f.shop)) {
                if (e.kind == kind && e.order == order) {
                    return true;
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(seen(ShopEvent::Kind::Cooked), kServeTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(seen(ShopEvent::Kind::OrderServed), kServeTimeoutMs);
        QVERIFY(f.drain());
        f.shop->stop();
        verifyEveryOrderServedOnce(f.shop->stats().counts());
        const CabinetTotals totals = f.shop->stats().cabinet().totals();
        QVERIFY(totals.cooked.value(QStringLiteral("cod")) > 0);
        QCOMPARE(totals.friedToOrder.value(QStringLiteral("cod")), 0);
        QCOMPARE(totals.cooked.value(QStringLiteral("cod")),
            totals.taken.value(QStringLiteral("cod")) + totals.wasted.value(QStringLiteral("cod")));
    }

    void closingTimeEmptiesTheCabinetAndCountsTheWaste()
    {
        test::ShopFixture f(model6(cabinetSettings(), 0.3));
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(
            CabinetTotals::sum(f.shop->stats().cabinet().totals().cooked) > 0, kServeTimeoutMs);
        QVERIFY(f.drain());
        const CabinetTotals before = f.shop->stats().cabinet().totals();
        const qint64 left = CabinetTotals::sum(before.cooked) - CabinetTotals::sum(before.taken);
        const CommandResult closed = f.shop->closeForTheDay();
        QVERIFY2(closed.ok, qPrintable(closed.text));
        QVERIFY2(closed.text.contains(QLatin1String("waste")), qPrintable(closed.text));
        QCOMPARE(CabinetTotals::sum(f.shop->stats().cabinet().totals().wasted), left);
        // A second closing finds the cabinet empty.
        QVERIFY(f.shop->closeForTheDay().ok);
        f.shop->stop();
        QCOMPARE(CabinetTotals::sum(f.shop->stats().cabinet().totals().wasted), left);
    }

    void theWasteIsOneDocumentInTheStatisticiansStore()
    {
        QTemporaryDir dir;
        ShopConfig config = model6(cabinetSettings(), 0.3);
        config.analytics.sqlitePath = dir.filePath(QStringLiteral("analytics.db"));
        test::ShopFixture f(config);
        QVERIFY(f.shop->start().ok);
        QVERIFY(f.shop->addBackOffice(QStringLiteral("statistician")).ok);
        QTRY_VERIFY_WITH_TIMEOUT(
            CabinetTotals::sum(f.shop->stats().cabinet().totals().cooked) > 0, kServeTimeoutMs);
        QVERIFY(f.drain());
        // A day that ends with the cabinet exactly empty proves nothing: serve a little more.
        const auto leftOver = [&] {
            const CabinetTotals t = f.shop->stats().cabinet().totals();
            return CabinetTotals::sum(t.cooked) - CabinetTotals::sum(t.taken);
        };
        for (int extra = 0; extra < kExtraRounds && leftOver() == 0; ++extra) {
            const qint64 cooked = CabinetTotals::sum(f.shop->stats().cabinet().totals().cooked);
            QVERIFY(f.shop->setTills(1).ok);
            QTRY_VERIFY_WITH_TIMEOUT(
                CabinetTotals::sum(f.shop->stats().cabinet().totals().cooked) > cooked,
                kServeTimeoutMs);
            QVERIFY(f.drain());
        }
        QVERIFY(leftOver() > 0);
        QVERIFY(f.shop->closeForTheDay().ok);
        const PortionTotals wasted = f.shop->stats().cabinet().totals().wasted;
        QCOMPARE(CabinetTotals::sum(wasted), leftOver());
        f.shop->stop();

        const auto store = analytics::openAnalyticsStore(config.analytics);
        QString error;
        QVERIFY2(store->sync(&error), qPrintable(error));
        const auto figures = store->figures({}, &error);
        QVERIFY2(figures, qPrintable(error));
        QCOMPARE(figures->portionsWasted, (QMap<QString, qint64>(wasted)));
    }

    void whileRedisIsDownEverythingIsCookedToOrderAndNoOrderIsLost()
    {
        if (!onRedis()) {
            QSKIP("the outage needs a Redis (CHIPPY_CABINET_STORE=redis)");
        }
        QTemporaryDir dir;
        test::RedisServerProcess redis(dir.path(), false);
        QString error;
        QVERIFY2(redis.start(&error), qPrintable(error));
        // Down before the shop opens: it opens anyway and cooks everything to order.
        redis.kill();
        cabinet::CabinetSettings settings;
        settings.url = redis.url();
        settings.password = redis.password();
        settings.timeoutMs = 500;
        test::ShopFixture f(model6(settings, 0.3));
        QVERIFY(f.shop->start().ok);
        const QString where = QStringLiteral("Redis unreachable at 127.0.0.1:%1").arg(redis.port());
        QTRY_VERIFY_WITH_TIMEOUT(
            count(*f.shop, ShopEvent::Kind::Error, where) >= 1, kOutageTimeoutMs);
        QCOMPARE(
            count(*f.shop, ShopEvent::Kind::Error, QStringLiteral("cooking everything to order")),
            count(*f.shop, ShopEvent::Kind::Error, where));
        QTRY_VERIFY_WITH_TIMEOUT(
            f.shop->stats().cabinet().totals().friedToOrder.value(QStringLiteral("chips")) > 0
                && f.shop->stats().counts().served >= 10,
            kOutageTimeoutMs);
        QCOMPARE(CabinetTotals::sum(f.shop->stats().cabinet().totals().taken), 0);

        // Back: the cabinet is opened and used again.
        QVERIFY2(redis.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(count(*f.shop, ShopEvent::Kind::CabinetAnswers) >= 1
                || CabinetTotals::sum(f.shop->stats().cabinet().totals().taken) > 0,
            kOutageTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            CabinetTotals::sum(f.shop->stats().cabinet().totals().taken) > 0, kOutageTimeoutMs);

        // Down in the middle of the day, and back.
        const qint64 errorsBefore = count(*f.shop, ShopEvent::Kind::Error, where);
        const qint64 friedBefore
            = CabinetTotals::sum(f.shop->stats().cabinet().totals().friedToOrder);
        redis.kill();
        QTRY_VERIFY_WITH_TIMEOUT(
            count(*f.shop, ShopEvent::Kind::Error, where) > errorsBefore, kOutageTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            f.shop->stats().cabinet().totals().friedToOrder.value(QStringLiteral("chips"))
                > friedBefore,
            kOutageTimeoutMs);
        const qint64 answersBefore = count(*f.shop, ShopEvent::Kind::CabinetAnswers);
        const qint64 takenBefore = CabinetTotals::sum(f.shop->stats().cabinet().totals().taken);
        QVERIFY2(redis.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(
            count(*f.shop, ShopEvent::Kind::CabinetAnswers) > answersBefore, kOutageTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            CabinetTotals::sum(f.shop->stats().cabinet().totals().taken) > takenBefore,
            kOutageTimeoutMs);

        QVERIFY2(f.drain(), "no order is lost to the outages");
        f.shop->stop();
        verifyEveryOrderServedOnce(f.shop->stats().counts());
    }
};

QTEST_GUILESS_MAIN(TestHotCabinet)
#include "tst_hotcabinet.moc"
