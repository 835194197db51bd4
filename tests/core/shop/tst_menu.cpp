#include "shop/menu.h"

#include <QTest>

using namespace chippy::shop;

// The menu compiled in from resources/menu.json.
class TestMenu : public QObject
{
    Q_OBJECT

private slots:
    void sellsCodPlaiceAndChips()
    {
        const Menu &menu = Menu::standard();
        QCOMPARE(menu.names(), (QStringList {"cod", "plaice", "chips"}));
        QCOMPARE(menu.currency(), QStringLiteral("GBP"));
        QCOMPARE(menu.item(QStringLiteral("cod"))->pricePence, 850);
        QCOMPARE(menu.item(QStringLiteral("chips"))->batchSize, 10);
    }

    void cooksOnlyPlaiceToOrder()
    {
        const Menu &menu = Menu::standard();
        QVERIFY(menu.item(QStringLiteral("plaice"))->cookedToOrder);
        QVERIFY(!menu.item(QStringLiteral("cod"))->cookedToOrder);
        QVERIFY(!menu.item(QStringLiteral("chips"))->cookedToOrder);
        QVERIFY(menu.item(QStringLiteral("plaice"))->cookTimeMs > 0);
        QVERIFY(!menu.contains(QStringLiteral("haddock")));
    }

    void refusesAMenuWithABadItem_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no items") << QByteArray(R"({"items": []})")
                                  << "the menu needs a non-empty \"items\" array";
        QTest::newRow("no name") << QByteArray(R"({"items": [{"price_pence": 1}]})")
                                 << "a menu item has no name";
        QTest::newRow("negative price") << QByteArray(
            R"({"items": [{"name": "cod", "price_pence": -1, "cook_time_ms": 0, "batch_size": 1}]})")
                                        << "menu item cod: \"price_pence\" must be a whole number "
                                           "of at least 0";
        QTest::newRow("empty batch") << QByteArray(
            R"({"items": [{"name": "cod", "price_pence": 1, "cook_time_ms": 0, "batch_size": 0}]})")
                                     << "menu item cod: \"batch_size\" must be a whole number of "
                                        "at least 1";
        QTest::newRow("twice") << QByteArray(
            R"({"items": [{"name": "cod", "price_pence": 1, "cook_time_ms": 0, "batch_size": 1},
                                         {"name": "cod", "price_pence": 1, "cook_time_ms": 0, "batch_size": 1}]})")
                               << "menu item cod appears twice";
    }

    void refusesAMenuWithABadItem()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!Menu::fromJson(json, &error));
        QCOMPARE(error, reason);
    }
};

QTEST_GUILESS_MAIN(TestMenu)
#include "tst_menu.moc"
