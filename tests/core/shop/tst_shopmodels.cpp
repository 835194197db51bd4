#include "shop/queue_mapping.h"
#include "shop/scenario/scenario.h"
#include "shop/scenario/scenario_player.h"
#include "shop_fixture.h"

#include <QSignalSpy>
#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// Each model of the talk, played from its scenario file on the embedded broker, serves every
// order it takes.
class TestShopModels : public QObject
{
    Q_OBJECT

private:
    static constexpr double kPlayS = 4;
    static constexpr double kFastRate = 10;
    static constexpr int kFastCookMs = 200;

private slots:
    void everyModelServesEveryOrder_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::newRow("model-1") << QStringLiteral("model-1");
        QTest::newRow("model-2") << QStringLiteral("model-2");
        QTest::newRow("model-3") << QStringLiteral("model-3");
        QTest::newRow("model-4") << QStringLiteral("model-4");
    }

    void everyModelServesEveryOrder()
    {
        QFETCH(QString, scenario);
        QString error;
        std::optional<Scenario> s = Scenario::load(scenario, &error);
        QVERIFY2(s, qPrintable(error));
        for (ScenarioStep &step : s->steps) {
            step.settings.ordersPerSecond = kFastRate;
            step.settings.cookTimeMs = kFastCookMs;
        }
        test::ShopFixture f(s->initialConfig({}));
        QVERIFY2(f.shop->start().ok, "the shop opens");
        ScenarioPlayer player(*s, f.shop.get());
        QSignalSpy finished(&player, &ScenarioPlayer::finished);
        player.start(kPlayS);
        QVERIFY(finished.wait(int(kPlayS * 1000) + 5000));
        QVERIFY2(f.drain(), "every order is served within the drain time");

        const ShopCounts c = f.shop->stats().counts();
        QVERIFY2(c.placed >= kPlayS * kFastRate / 4, qPrintable(QString::number(c.placed)));
        QCOMPARE(c.served, c.placed);
        QCOMPARE(c.servedTwice, 0);
        QCOMPARE(c.deadLettered, 0);
        QCOMPARE(f.shop->preparers(), s->steps.first().settings.preparers.value_or(1));
        if (s->steps.first().settings.model.value_or(1) >= ShopConfig::kFirstModelWithCook) {
            // Every order sent to the cook comes back cooked. A stage reports its output when
            // the broker acknowledges it, which can be after the next stage has read it, so
            // the last reports may still be on their way.
            QSet<qint64> sent;
            QSet<qint64> cooked;
            const auto collect = [&] {
                for (const ShopEvent &e : f.shop->events().drain()) {
                    if (e.kind == ShopEvent::Kind::SentToCook) {
                        sent.insert(e.order);
                    } else if (e.kind == ShopEvent::Kind::Cooked) {
                        cooked.insert(e.order);
                    }
                }
                return cooked == sent;
            };
            QTRY_VERIFY_WITH_TIMEOUT(collect(), 10000);
            QVERIFY(!sent.isEmpty());
        } else {
            QCOMPARE(c.sentToCook, 0);
        }
        f.shop->stop();
    }

    void ordersCarryTheirQueueToThePartitionTheViewExpects()
    {
        ShopConfig config;
        config.model = 2;
        config.tills = 4;
        config.orderPartitions = 2;
        config.ordersPerSecond = 20;
        test::ShopFixture f(config);
        QVERIFY(f.shop->start().ok);
        QHash<int, QSet<int>> partitionsOfQueue;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ShopEvent &e : f.shop->events().drain()) {
                    if (e.kind == ShopEvent::Kind::OrderPlaced) {
                        partitionsOfQueue[e.queue].insert(e.partition);
                    }
                }
                return partitionsOfQueue.size() == 4;
            }(),
            15000);
        f.shop->stop();
        for (auto it = partitionsOfQueue.cbegin(); it != partitionsOfQueue.cend(); ++it) {
            QCOMPARE(it.value(), QSet<int> {partitionForQueue(it.key(), 2)});
        }
    }
};

QTEST_GUILESS_MAIN(TestShopModels)
#include "tst_shopmodels.moc"
