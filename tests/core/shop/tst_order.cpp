#include "shop/menu.h"
#include "shop/order.h"

#include <QJsonDocument>
#include <QTest>

using namespace chippy::shop;

// The order codec: exactly the JSON of the design, strict about what it reads.
class TestOrder : public QObject
{
    Q_OBJECT

private slots:
    void readsTheOrderFromTheDesign()
    {
        QString reason;
        const auto order = Order::fromJson(
            R"({"order": 271, "customer": "Tibs", "queue": 3, "parts": [["cod", "chips"], ["chips", "chips"], ["plaice", "chips"]]})",
            &reason);
        QVERIFY2(order, qPrintable(reason));
        QCOMPARE(order->number, qint64(271));
        QCOMPARE(order->customer, QStringLiteral("Tibs"));
        QCOMPARE(order->queue, 3);
        QCOMPARE(order->parts.size(), 3);
        QCOMPARE(order->parts[2], (QStringList {"plaice", "chips"}));
        QCOMPARE(order->placedMs, qint64(-1));
        QVERIFY(order->extra.isEmpty());
    }

    void writesWhatItReadsAndKeepsFieldsItDoesNotKnow()
    {
        const QByteArray json
            = R"({"order": 5, "customer": "Ada", "queue": 1, "parts": [["cod"]], "placed_ms": 1700000000000, "table": 12, "notes": {"salt": true}})";
        QString reason;
        const auto order = Order::fromJson(json, &reason);
        QVERIFY2(order, qPrintable(reason));
        QCOMPARE(order->placedMs, qint64(1700000000000));
        QCOMPARE(order->extra.value(QLatin1String("table")).toInt(), 12);
        const QByteArray written = order->toJson();
        QCOMPARE(QJsonDocument::fromJson(written), QJsonDocument::fromJson(json));
        const auto again = Order::fromJson(written, &reason);
        QVERIFY(again);
        QCOMPARE(*again, *order);
    }

    void rejectsBadOrdersWithAReason_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << "the record is empty";
        QTest::newRow("not json") << QByteArray("cod and chips please")
                                  << "not JSON: illegal value at byte 1";
        QTest::newRow("array") << QByteArray("[1, 2]") << "an order must be a JSON object";
        QTest::newRow("no order") << QByteArray(
            R"({"customer": "A", "queue": 1, "parts": [["cod"]]})")
                                  << "missing field \"order\"";
        QTest::newRow("order as string")
            << QByteArray(R"({"order": "271", "customer": "A", "queue": 1, "parts": [["cod"]]})")
            << "\"order\" must be a whole number, not a string";
        QTest::newRow("fractional order")
            << QByteArray(R"({"order": 2.5, "customer": "A", "queue": 1, "parts": [["cod"]]})")
            << "\"order\" must be a whole number, not a number";
        QTest::newRow("negative order")
            << QByteArray(R"({"order": -1, "customer": "A", "queue": 1, "parts": [["cod"]]})")
            << "\"order\" must be at least 0";
        QTest::newRow("no customer")
            << QByteArray(R"({"order": 1, "queue": 1, "parts": [["cod"]]})")
            << "missing field \"customer\"";
        QTest::newRow("customer as number")
            << QByteArray(R"({"order": 1, "customer": 7, "queue": 1, "parts": [["cod"]]})")
            << "\"customer\" must be a string, not a number";
        QTest::newRow("blank customer")
            << QByteArray(R"({"order": 1, "customer": " ", "queue": 1, "parts": [["cod"]]})")
            << "\"customer\" must be a name of 1 to 200 characters";
        QTest::newRow("no queue") << QByteArray(
            R"({"order": 1, "customer": "A", "parts": [["cod"]]})")
                                  << "missing field \"queue\"";
        QTest::newRow("queue zero")
            << QByteArray(R"({"order": 1, "customer": "A", "queue": 0, "parts": [["cod"]]})")
            << "\"queue\" must be at least 1";
        QTest::newRow("queue null")
            << QByteArray(R"({"order": 1, "customer": "A", "queue": null, "parts": [["cod"]]})")
            << "\"queue\" must be a whole number, not null";
        QTest::newRow("no parts") << QByteArray(R"({"order": 1, "customer": "A", "queue": 1})")
                                  << "missing field \"parts\"";
        QTest::newRow("parts as string")
            << QByteArray(R"({"order": 1, "customer": "A", "queue": 1, "parts": "cod"})")
            << "\"parts\" must be an array, not a string";
        QTest::newRow("no parts at all")
            << QByteArray(R"({"order": 1, "customer": "A", "queue": 1, "parts": []})")
            << "an order has 1 to 100 parts, this one has 0";
        QTest::newRow("flat part")
            << QByteArray(R"({"order": 1, "customer": "A", "queue": 1, "parts": ["cod"]})")
            << "part 1 must be an array of 1 to 20 item names";
        QTest::newRow("item as number")
            << QByteArray(R"({"order": 1, "customer": "A", "queue": 1, "parts": [["cod"], [3]]})")
            << "part 2 holds a number where an item name belongs";
        QTest::newRow("placed_ms as text") << QByteArray(
            R"({"order": 1, "customer": "A", "queue": 1, "parts": [["cod"]], "placed_ms": "now"})")
                                           << "\"placed_ms\" must be a whole number, not a string";
    }

    void rejectsBadOrdersWithAReason()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        QString why;
        QVERIFY(!Order::fromJson(json, &why));
        QCOMPARE(why, reason);
    }

    void rejectsHugeInputWithoutParsingIt()
    {
        QByteArray huge = "{\"order\": 1, \"customer\": \"";
        huge += QByteArray(Order::kMaxBytes, 'x');
        huge += "\", \"queue\": 1, \"parts\": [[\"cod\"]]}";
        QString why;
        QVERIFY(!Order::fromJson(huge, &why));
        QVERIFY2(why.endsWith(QLatin1String("an order is at most 65536")), qPrintable(why));
    }

    void rejectsTooManyParts()
    {
        QByteArray json = R"({"order": 1, "customer": "A", "queue": 1, "parts": [)";
        for (int i = 0; i <= Order::kMaxParts; ++i) {
            json += i ? R"(, ["chips"])" : R"(["chips"])";
        }
        json += "]}";
        QString why;
        QVERIFY(!Order::fromJson(json, &why));
        QCOMPARE(why, QStringLiteral("an order has 1 to 100 parts, this one has 101"));
    }

    void checksItemsAgainstTheMenu()
    {
        QString why;
        const auto order = Order::fromJson(
            R"({"order": 1, "customer": "A", "queue": 1, "parts": [["haddock", "chips"]]})", &why);
        QVERIFY(order);
        QCOMPARE(order->checkItems(Menu::standard()), QStringLiteral("haddock is not on the menu"));
    }

    void onlyPlaiceNeedsTheCook()
    {
        QString why;
        const auto cod = Order::fromJson(
            R"({"order": 1, "customer": "A", "queue": 1, "parts": [["cod", "chips"], ["chips"]]})",
            &why);
        const auto plaice = Order::fromJson(
            R"({"order": 2, "customer": "B", "queue": 1, "parts": [["cod"], ["plaice", "chips"]]})",
            &why);
        QVERIFY(!cod->needsCooking(Menu::standard()));
        QVERIFY(plaice->needsCooking(Menu::standard()));
        QCOMPARE(cod->portions(QStringLiteral("chips")), 2);
        QCOMPARE(cod->pricePence(Menu::standard()), 850 + 300 + 300);
    }
};

QTEST_GUILESS_MAIN(TestOrder)
#include "tst_order.moc"
