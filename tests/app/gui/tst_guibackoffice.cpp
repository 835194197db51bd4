#include "money_text.h"
#include "real_servers.h"
#include "window_fixture.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;
using gui::test::serveEveryOrder;
using gui::test::WindowFixture;
using gui::test::writeScenario;

// The back office in the window, offscreen on the embedded broker and the embedded SQLite
// stores (or, with CHIPPY_TEST_ANALYTICS=opensearch, the OpenSearch of the opensearch
// fixture for the statistician and the charts): a short model-4 shop, the accountant, statistician
// and stockist added with the control panel's buttons, their cards replaying to lag 0, and the
// analytics feed filled by the worker's queries until its figures are the orders the tills placed.
class TestGuiBackOffice : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOpenMs = 20000;
    static constexpr int kShopMs = 45000;
    static constexpr qint64 kOrdersBeforeJoining = 20;

    static QByteArray shortModelFour()
    {
        return R"({
            "name": "back-office-test",
            "title": "The back office, briefly",
            "description": "The model-4 shop for the back office to replay.",
            "steps": [{
                "title": "A shop with a history",
                "caption": "Orders pile up in ORDER before anyone from the back office comes.",
                "duration_s": 600,
                "model": 4, "tills": 3, "order_partitions": 2, "preparers": 2, "cooks": 1,
                "counters": 1, "rate": 15, "cook_time_ms": 200, "plaice_share": 0.3
            }]
        })";
    }

    QQuickItem *item(const QString &name) const { return m_shop.named(name); }

    bool onOpenSearch() const
    {
        return qEnvironmentVariable("CHIPPY_TEST_ANALYTICS") == QLatin1String("opensearch");
    }

    QVariantMap reader(const QString &role) const
    {
        const BackOfficeModel *model = m_controller->backOffice();
        return model->get(model->rowOf(role));
    }

    bool everyReaderCaughtUp() const
    {
        const BackOfficeModel *model = m_controller->backOffice();
        if (model->rowCount() != 3) {
            return false;
        }
        for (int row = 0; row < model->rowCount(); ++row) {
            const QVariantMap r = model->get(row);
            if (r.value("lag").toLongLong() != 0 || r.value("state") != QLatin1String("caught-up")
                || r.value("status") != QLatin1String("caught up")) {
                return false;
            }
        }
        return true;
    }

private slots:
    void initTestCase()
    {
        const QString scenario
            = writeScenario(m_dir, QStringLiteral("back-office-test.json"), shortModelFour());
        QVERIFY(!scenario.isEmpty());

        shop::ShopConfig base;
        if (onOpenSearch()) {
            const chippy::test::RealOpenSearch search = chippy::test::realOpenSearch();
            QVERIFY2(search.running(), qPrintable(search.error));
            base.analytics.url = search.url;
            base.analytics.index = QStringLiteral("chippy-gui-%1")
                                       .arg(QRandomGenerator::global()->generate(), 0, 36);
        }
        m_controller = &m_shop.prepare(base);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_controller->backOffice(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_shop.open(scenario, 0));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
    }

    void cleanup() { QVERIFY2(m_shop.quiet(), "the window reported QML warnings"); }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_shop.close();
    }

    void moneyIsWrittenInTheMenusCurrency()
    {
        QCOMPARE(moneyText(139200, QStringLiteral("GBP")), QStringLiteral("£1,392.00"));
        QCOMPARE(moneyText(5, QStringLiteral("EUR")), QStringLiteral("€0.05"));
    }

    void beforeTheStatisticianTheShopsOwnChartsShow()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->placed() >= kOrdersBeforeJoining, kShopMs);
        QCOMPARE(m_controller->backOffice()->rowCount(), 0);
        QVERIFY(!m_controller->analytics()->active());
        QVERIFY(item("backOfficeSummary"));
        QVERIFY(!item("backOfficeSummary")->isVisible());
        for (const char *role : {"accountant", "statistician", "stockist"}) {
            QQuickItem *button = item(QStringLiteral("add-") + QLatin1String(role));
            QVERIFY2(button, role);
            QVERIFY2(button->isEnabled(), role);
        }
    }

    void theButtonsAddTheReadersAndDisableOnceJoined()
    {
        for (const char *role : {"accountant", "statistician", "stockist"}) {
            QQuickItem *button = item(QStringLiteral("add-") + QLatin1String(role));
            QVERIFY2(button, role);
            QVERIFY(QMetaObject::invokeMethod(button, "clicked"));
            QTRY_VERIFY2_WITH_TIMEOUT(!button->isEnabled(), role, kOpenMs);
            QVERIFY(m_controller->backOfficeJoined().contains(QLatin1String(role)));
        }
        QCOMPARE(m_controller->backOffice()->rowCount(), 3);
        QCOMPARE(reader("statistician").value("topics").toString(),
            QStringLiteral("ORDER · COOK · HOT-FOOD · READY"));
        QCOMPARE(reader("stockist").value("group").toString(), QStringLiteral("stockist"));
        QQuickItem *cards = item("backOfficeCards");
        QVERIFY(cards);
        QTRY_COMPARE_WITH_TIMEOUT(cards->property("count").toInt(), 3, kOpenMs);
    }

    void eachReaderReplaysFromOffsetZero()
    {
        for (const char *role : {"accountant", "statistician", "stockist"}) {
            QTRY_VERIFY2_WITH_TIMEOUT(reader(QLatin1String(role))
                                          .value("status")
                                          .toString()
                                          .startsWith(QLatin1String("replaying from offset 0"))
                    || reader(QLatin1String(role)).value("state") == QLatin1String("caught-up"),
                role, kShopMs);
        }
        QVERIFY(m_controller->analytics()->active());
        QVERIFY(m_controller->analytics()->books());
    }

    void theFiguresAreThePlacedOrdersOnceTheShopIsDrained()
    {
        QVERIFY(serveEveryOrder(*m_controller, kShopMs));
        const qint64 placed = m_controller->placed();
        QTRY_VERIFY_WITH_TIMEOUT(everyReaderCaughtUp(), kShopMs);
        const AnalyticsFeed *feed = m_controller->analytics();
        QTRY_COMPARE_WITH_TIMEOUT(feed->ordersCounted(), placed, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(feed->ordersBooked(), placed, kShopMs);
        QVERIFY(feed->moneyTakenPence() > 0);
        QVERIFY(feed->moneyTaken().startsWith(QStringLiteral("£")));
        QCOMPARE(feed->moneyBooked(), feed->moneyTaken());
        QVERIFY(feed->prepP50Ms() > 0);
        QVERIFY(feed->prepP95Ms() >= feed->prepP50Ms());
        QVERIFY(feed->itemNames().contains(QStringLiteral("chips")));
        QVERIFY(feed->portions().contains(QStringLiteral("chips")));
        QVERIFY(feed->problem().isEmpty());
        QVERIFY2(feed->store().startsWith(onOpenSearch() ? QStringLiteral("OpenSearch at http://")
                                                         : QStringLiteral("embedded SQLite")),
            qPrintable(feed->store()));
        QQuickItem *storeLine = item("storeLine");
        QVERIFY(storeLine);
        QVERIFY(storeLine->isVisible());
        QVERIFY(storeLine->property("text").toString().contains(feed->store()));
        QVERIFY(item("backOfficeSummary")->isVisible());
    }

    void resettingTheSceneStartsWithoutTheBackOffice()
    {
        m_controller->reset();
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
        QCOMPARE(m_controller->backOffice()->rowCount(), 0);
        QVERIFY(!m_controller->analytics()->active());
        QCOMPARE(m_controller->analytics()->ordersCounted(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->placed() > 0, kShopMs);
        QVERIFY(item("add-statistician")->isEnabled());
        QVERIFY(!item("backOfficeSummary")->isVisible());
    }

private:
    QTemporaryDir m_dir;
    WindowFixture m_shop;
    ShopController *m_controller = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestGuiBackOffice)
#include "tst_guibackoffice.moc"
