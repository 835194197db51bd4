#include "json_file.h"
#include "process_runner.h"
#include "real_servers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy::test;

namespace {

constexpr int kSlackMs = 90000; // start-up, group joins and the drain on top of the run itself

} // namespace

// The talk's scenes headless on Apache Kafka itself (the real-kafka fixture): every order
// placed is served exactly once, as on the embedded broker. Each run has its own topic prefix
// on the shared node.
class TestShopOnKafka : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    RealKafka m_kafka;

private slots:
    void initTestCase()
    {
        m_kafka = realKafka();
        QVERIFY2(m_kafka.running(), qPrintable(m_kafka.error));
    }

    void servesEveryOrderExactlyOnce_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("seconds");
        QTest::newRow("model-1") << QStringLiteral("model-1") << 8;
        QTest::newRow("model-2") << QStringLiteral("model-2") << 8;
        QTest::newRow("model-3") << QStringLiteral("model-3") << 10;
        QTest::newRow("model-4") << QStringLiteral("model-4") << 10;
        QTest::newRow("resilience") << QStringLiteral("resilience") << 40;
    }

    void servesEveryOrderExactlyOnce()
    {
        QFETCH(QString, scenario);
        QFETCH(int, seconds);
        const QString prefix = QStringLiteral("%1-%2-").arg(scenario).arg(
            QRandomGenerator::global()->generate(), 0, 36);
        const QString report = m_dir.filePath(scenario + QStringLiteral(".json"));
        const ProcessResult r = runProcess(QStringLiteral(CHIPPY_BIN),
            {"--headless", "--bootstrap", m_kafka.bootstrap, "--topic-prefix", prefix, "--scenario",
                scenario, "--duration", QString::number(seconds), "--report", report},
            {}, seconds * 1000 + kSlackMs);
        QVERIFY2(!r.timedOut, r.out.right(2000).constData());
        QVERIFY2(r.exitCode == 0, (r.err + r.out.right(2000)).constData());

        const QJsonObject json = readJsonObject(report);
        const QJsonObject orders = json.value("orders").toObject();
        QVERIFY2(orders.value("placed").toInt() > 5, r.out.right(2000).constData());
        // An unreadable order goes to the dead-letter topic instead of a counter.
        QCOMPARE(orders.value("served").toInt() + orders.value("dead_lettered").toInt(),
            orders.value("placed").toInt());
        QCOMPARE(orders.value("lost").toInt(), 0);
        QCOMPARE(orders.value("served_twice").toInt(), 0);
        if (scenario == QLatin1String("resilience")) {
            // Everything but the embedded broker's restart happens on Kafka too.
            QVERIFY2(orders.value("dead_lettered").toInt() >= 1, r.out.right(2000).constData());
            for (const auto &a : json.value("actions").toArray()) {
                const auto action = a.toObject();
                const auto what = action.value("action").toString();
                if (what != QLatin1String("restart-broker")
                    && what != QLatin1String("set-partitions")) {
                    QVERIFY2(action.value("ok").toBool(),
                        qPrintable(QJsonDocument(action).toJson(QJsonDocument::Compact)));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestShopOnKafka)
#include "tst_shoponkafka.moc"
