#include "process_runner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy::test;

// The resilience scenario puts the shop through every fault inside 40 seconds; nothing may be
// lost and nothing served twice.
class TestResilience : public QObject
{
    Q_OBJECT

private slots:
    void everyFaultAndStillNothingLostOrServedTwice()
    {
        QTemporaryDir dir;
        const QString report = dir.filePath(QStringLiteral("resilience.json"));
        const ProcessResult r = runProcess(QStringLiteral(CHIPPY_BIN),
            {"--headless", "--scenario", "resilience", "--report", report}, {}, 90000);
        QVERIFY2(r.exitCode == 0, r.out.right(3000).constData());

        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject orders = json.value("orders").toObject();
        QCOMPARE(orders.value("lost").toInt(), 0);
        QCOMPARE(orders.value("served_twice").toInt(), 0);
        QVERIFY(orders.value("placed").toInt() > 300);
        // The two unreadable orders the broken till sent.
        QCOMPARE(orders.value("dead_lettered").toInt(), 2);
        QCOMPARE(orders.value("placed").toInt(),
            orders.value("served").toInt() + orders.value("dead_lettered").toInt());
        QVERIFY(json.value("drained").toBool());
        QVERIFY(json.value("rebalances").toInt() > 5);

        QHash<QString, QJsonObject> actions;
        for (const QJsonValue &v : json.value("actions").toArray()) {
            actions.insert(v.toObject().value("action").toString(), v.toObject());
        }
        for (const char *fault : {"add-partitions", "add-preparer", "kill-preparer",
                 "restart-broker", "pause", "resume", "set-cooks", "remove-preparer"}) {
            QVERIFY2(actions.value(QLatin1String(fault)).value("ok").toBool(), fault);
        }
        // Taking a partition away is refused, in words.
        const QJsonObject shrink = actions.value(QStringLiteral("set-partitions"));
        QVERIFY(!shrink.value("ok").toBool());
        QVERIFY2(shrink.value("detail").toString().contains(QLatin1String("never take them away")),
            qPrintable(shrink.value("detail").toString()));
    }
};

QTEST_GUILESS_MAIN(TestResilience)
#include "tst_resilience.moc"
