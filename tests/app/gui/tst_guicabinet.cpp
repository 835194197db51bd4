#include "redis_server_process.h"
#include "window_fixture.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;
using gui::test::serveEveryOrder;
using gui::test::WindowFixture;
using gui::test::writeScenario;

// Model 6 in the window, offscreen on the embedded broker: the hot cabinet's trays follow the
// cook and the preparers, their counts are the ones the shop counted, and the close-for-the-day
// button shows the waste the shop counted. CHIPPY_CABINET_STORE=redis keeps the cabinet in a
// redis-server of the test's own, which is killed and started again while the shop runs: the
// window says Redis is unreachable, then that it answers again.
class TestGuiCabinet : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOpenMs = 20000;
    static constexpr int kShopMs = 45000;
    static constexpr int kRedisTimeoutMs = 500;

    static QByteArray shortModelSix()
    {
        return R"({
            "name": "cabinet-test",
            "title": "The hot cabinet, briefly",
            "description": "The model-6 shop, for the cabinet in the window.",
            "steps": [{
                "title": "Portions wait in the cabinet",
                "caption": "The preparers take from the cabinet; the cook tops it up.",
                "duration_s": 600,
                "model": 6, "tills": 3, "order_partitions": 2, "preparers": 2, "cooks": 1,
                "counters": 1, "rate": 8, "cook_time_ms": 200, "plaice_share": 0.3
            }]
        })";
    }

    static void findAll(QQuickItem *from, const QString &name, QList<QQuickItem *> *into)
    {
        if (from->objectName() == name) {
            into->append(from);
        }
        for (QQuickItem *child : from->childItems()) {
            findAll(child, name, into);
        }
    }

    QQuickItem *item(const QString &name) const { return m_shop.named(name); }

    QString textOf(const QString &name) const
    {
        const QQuickItem *found = item(name);
        return found ? found->property("text").toString() : QString();
    }

    bool onRedis() const
    {
        return qEnvironmentVariable("CHIPPY_CABINET_STORE") == QLatin1String("redis");
    }

    const CabinetModel &cabinet() const { return *m_controller->cabinet(); }

    qint64 role(const QString &item, const char *name) const
    {
        return cabinet().get(cabinet().rowOf(item)).value(QString::fromLatin1(name)).toLongLong();
    }

    // The window's trays hold what the shop counted: cooked in less taken out less thrown away.
    bool traysMatchTheShop() const
    {
        const shop::CabinetTotals totals = m_controller->cabinetTotals();
        for (const QString &item : {QStringLiteral("cod"), QStringLiteral("chips")}) {
            const qint64 left
                = totals.cooked.value(item) - totals.taken.value(item) - totals.wasted.value(item);
            if (role(item, "cooked") != totals.cooked.value(item)
                || role(item, "taken") != totals.taken.value(item)
                || cabinet().portions(item) != left) {
                return false;
            }
        }
        return true;
    }

    // The numbers the trays draw, in the model's order.
    QStringList drawnCounts() const
    {
        QList<QQuickItem *> counts;
        findAll(item(QStringLiteral("hotCabinet")), QStringLiteral("trayCount"), &counts);
        QStringList texts;
        for (const QQuickItem *count : std::as_const(counts)) {
            texts << count->property("text").toString();
        }
        return texts;
    }

    QStringList modelCounts() const
    {
        QStringList texts;
        for (int row = 0; row < cabinet().count(); ++row) {
            texts << QString::number(
                cabinet().get(row).value(QStringLiteral("portions")).toLongLong());
        }
        return texts;
    }

private slots:
    void initTestCase()
    {
        const QString scenario
            = writeScenario(m_dir, QStringLiteral("cabinet-test.json"), shortModelSix());
        QVERIFY(!scenario.isEmpty());

        shop::ShopConfig base;
        if (onRedis()) {
            // Append-only, so that the trays outlive the kill below.
            m_redis = std::make_unique<chippy::test::RedisServerProcess>(m_dir.path(), true);
            QString error;
            QVERIFY2(m_redis->start(&error), qPrintable(error));
            base.cabinet.url = m_redis->url();
            base.cabinet.password = m_redis->password();
            base.cabinet.timeoutMs = kRedisTimeoutMs;
        }
        m_controller = &m_shop.prepare(base);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_controller->cabinet(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(m_controller->cabinet(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                for (int row = from.row(); row <= to.row(); ++row) {
                    const qint64 now
                        = cabinet().get(row).value(QStringLiteral("portions")).toLongLong();
                    const qint64 before = m_lastPortions.value(row, 0);
                    m_rose = m_rose || now > before;
                    m_fell = m_fell || now < before;
                    m_lastPortions[row] = now;
                }
            });
        QVERIFY(m_shop.open(scenario, 0));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
    }

    void cleanup() { QVERIFY2(m_shop.quiet(), "the window reported QML warnings"); }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_shop.close();
        m_redis.reset();
    }

    void theWindowSaysWhichCabinetItUses()
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            item(QStringLiteral("hotCabinet")) && item(QStringLiteral("hotCabinet"))->isVisible(),
            kOpenMs);
        const QString expected = onRedis()
            ? QStringLiteral("in Redis at 127.0.0.1:%1").arg(m_redis->port())
            : QStringLiteral("in-process");
        QCOMPARE(textOf(QStringLiteral("cabinetWhere")), expected);
        QCOMPARE(cabinet().count(), 2);
        QVERIFY(cabinet().rowOf(QStringLiteral("plaice")) < 0);
    }

    void theTraysRiseWithTheCookAndFallWithThePreparers()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_rose && m_fell && role(QStringLiteral("chips"), "taken") > 0
                && role(QStringLiteral("cod"), "cooked") > 0,
            kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(cabinet().shortOrders() > 0, kShopMs);
        QVERIFY(cabinet().lastShortOrder() >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            textOf(QStringLiteral("cabinetStatus")).contains(QStringLiteral("short → COOK")),
            kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(drawnCounts(), modelCounts(), kShopMs);
    }

    void whenRedisIsDownTheWindowSaysSoAndWhenItIsBackItAnswers()
    {
        if (!onRedis()) {
            QSKIP("the outage needs the test's own Redis (CHIPPY_CABINET_STORE=redis)");
        }
        QVERIFY(cabinet().reachable());
        m_redis->kill();
        const QString unreachable
            = QStringLiteral("Redis unreachable at 127.0.0.1:%1").arg(m_redis->port());
        QTRY_VERIFY_WITH_TIMEOUT(!cabinet().reachable(), kShopMs);
        QVERIFY2(cabinet().problem().startsWith(unreachable), qPrintable(cabinet().problem()));
        QTRY_COMPARE_WITH_TIMEOUT(
            textOf(QStringLiteral("cabinetStatus")), cabinet().problem(), kOpenMs);
        QVERIFY(!item(QStringLiteral("hotCabinet"))->property("reachable").toBool());

        const qint64 takenBefore
            = m_controller->cabinetTotals().taken.value(QStringLiteral("chips"));
        QString error;
        QVERIFY2(m_redis->start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(cabinet().reachable(), kShopMs);
        QVERIFY2(cabinet().recovered().contains(QStringLiteral("answers again")),
            qPrintable(cabinet().recovered()));
        QTRY_COMPARE_WITH_TIMEOUT(
            textOf(QStringLiteral("cabinetStatus")), cabinet().recovered(), kOpenMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_controller->cabinetTotals().taken.value(QStringLiteral("chips")) > takenBefore,
            kShopMs);
    }

    void closingTimeShowsTheWasteTheShopCounted()
    {
        QVERIFY(serveEveryOrder(*m_controller, kShopMs));
        QTRY_VERIFY_WITH_TIMEOUT(traysMatchTheShop(), kShopMs);
        QVERIFY(!cabinet().closed());

        QQuickItem *button = item(QStringLiteral("closeForTheDay"));
        QVERIFY(button);
        QVERIFY(button->isVisible());
        QVERIFY(QMetaObject::invokeMethod(button, "clicked"));
        QTRY_VERIFY_WITH_TIMEOUT(cabinet().closed(), kShopMs);
        // The shop's totals and the window's trays hear of the waste each in their own time.
        QTRY_VERIFY_WITH_TIMEOUT(
            [this] {
                const shop::CabinetTotals now = m_controller->cabinetTotals();
                return cabinet().wasteTotal() == shop::CabinetTotals::sum(now.wasted)
                    && role(QStringLiteral("cod"), "wasted") == now.wasted.value("cod")
                    && role(QStringLiteral("chips"), "wasted") == now.wasted.value("chips");
            }(),
            kOpenMs);

        const shop::CabinetTotals totals = m_controller->cabinetTotals();
        QVERIFY(shop::CabinetTotals::sum(totals.cooked) > 0);
        for (const QString &item : {QStringLiteral("cod"), QStringLiteral("chips")}) {
            QCOMPARE(role(item, "wasted"), totals.wasted.value(item));
            QCOMPARE(cabinet().portions(item), 0);
            QCOMPARE(
                totals.cooked.value(item), totals.taken.value(item) + totals.wasted.value(item));
        }
        QCOMPARE(cabinet().wasteTotal(), shop::CabinetTotals::sum(totals.wasted));
        QVERIFY(traysMatchTheShop());
        QTRY_VERIFY_WITH_TIMEOUT(item(QStringLiteral("cabinetWaste"))->isVisible(), kOpenMs);
        QCOMPARE(textOf(QStringLiteral("cabinetWaste")),
            QStringLiteral("Closed for the day: %1 wasted").arg(cabinet().wasteText()));
        QTRY_COMPARE_WITH_TIMEOUT(
            drawnCounts(), (QStringList {QStringLiteral("0"), QStringLiteral("0")}), kOpenMs);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<chippy::test::RedisServerProcess> m_redis;
    WindowFixture m_shop;
    ShopController *m_controller = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QHash<int, qint64> m_lastPortions;
    bool m_rose = false;
    bool m_fell = false;
};

QTEST_MAIN(TestGuiCabinet)
#include "tst_guicabinet.moc"
