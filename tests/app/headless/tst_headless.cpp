#include "broker_fixture.h"
#include "json_file.h"
#include "process_runner.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy::test;

namespace {

constexpr auto kPassword = "vinegar-On-Ch1ps";

} // namespace

// `chippy --headless` as a user runs it: progress every second, a report at the end, and an
// exit status that says whether anything was lost.
class TestHeadless : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    ProcessResult chippy(const QStringList &args, int timeoutMs = 60000)
    {
        return runProcess(QStringLiteral(CHIPPY_BIN), args, {}, timeoutMs);
    }

private slots:
    void runsModelFourAndServesEveryOrder()
    {
        const QString report = m_dir.filePath(QStringLiteral("model-4.json"));
        const ProcessResult r = chippy({"--headless", "--scenario", "model-4", "--duration", "5",
            "--rate", "8", "--report", report});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        // A progress line every second.
        QVERIFY2(QString::fromUtf8(r.out).count(
                     QRegularExpression(QStringLiteral(R"(\d+\.\ds  placed \d+  served \d+)")))
                >= 4,
            r.out.constData());

        const QJsonObject json = readJsonObject(report);
        QCOMPARE(json.value("scenario").toString(), QStringLiteral("model-4"));
        QVERIFY(json.value("duration_s").toDouble() >= 5);
        const QJsonObject orders = json.value("orders").toObject();
        QVERIFY(orders.value("placed").toInt() > 10);
        QCOMPARE(orders.value("served").toInt(), orders.value("placed").toInt());
        QCOMPARE(orders.value("lost").toInt(), 0);
        QCOMPARE(orders.value("served_twice").toInt(), 0);
        QCOMPARE(orders.value("dead_lettered").toInt(), 0);
        QVERIFY(orders.value("sent_to_cook").toInt() > 0);
        QVERIFY(json.value("orders_per_s").toDouble() > 0);
        const QJsonObject latency = json.value("latency_ms").toObject();
        for (const char *key : {"p50", "p95", "p99", "max"}) {
            QVERIFY2(latency.contains(QLatin1String(key)), key);
        }
        QVERIFY(latency.value("p50").toDouble() <= latency.value("p99").toDouble());
        QVERIFY(json.value("rebalances").toInt() >= 3);
        QVERIFY(json.value("actions").isArray());
    }

    void aClosedPortFailsWithinTenSecondsInWords()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        const QString address = QStringLiteral("127.0.0.1:%1").arg(server.serverPort());
        server.close();
        const QString report = m_dir.filePath(QStringLiteral("closed.json"));
        QElapsedTimer clock;
        clock.start();
        const ProcessResult r
            = chippy({"--headless", "--bootstrap", address, "--duration", "5", "--report", report});
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(r.exitCode, 2);
        const QString words
            = QStringLiteral("cannot reach a broker at %1 (connection refused)").arg(address);
        QVERIFY2(QString::fromUtf8(r.err).contains(words), r.err.constData());
        QCOMPARE(readJsonObject(report).value("error").toString(), words);
        // A shop that never opened has no progress to report.
        QVERIFY2(!r.out.contains("  placed "), r.out.constData());
    }

    void aProfilesPasswordNeverReachesTheOutputOrTheReport()
    {
        BrokerFixture broker;
        const QString profile = m_dir.filePath(QStringLiteral("client.properties"));
        QFile file(profile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("bootstrap.servers=" + broker.bootstrap().toUtf8()
            + "\nsecurity.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.username=fryer\n"
              "sasl.password="
            + kPassword + "\n");
        file.close();
        const QString report = m_dir.filePath(QStringLiteral("sasl.json"));
        const ProcessResult r = chippy(
            {"--headless", "--profile", profile, "--duration", "3", "--report", report}, 30000);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.out.contains(kPassword));
        QVERIFY(!r.err.contains(kPassword));
        QFile written(report);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray json = written.readAll();
        QVERIFY(!json.contains(kPassword));
        QVERIFY2(json.contains("as fryer (PLAIN)"), json.constData());
    }

    void explainsAnUnknownScenario()
    {
        const ProcessResult r = chippy({"--headless", "--scenario", "nope"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("no scenario nope; built in: model-1, model-2"), r.err.constData());
    }

    void listsTheBuiltInScenarios()
    {
        const ProcessResult r = chippy({"--list-scenarios"});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QList<QByteArray> names;
        for (const QByteArray &line : lines) {
            names << line.split(' ').first();
        }
        QCOMPARE(names,
            (QList<QByteArray> {"model-1", "model-2", "model-3", "model-4", "model-5", "model-6",
                "resilience", "stress", "talk"}));
        QVERIFY2(lines.first().contains("Cod and chips (1 step)"), lines.first().constData());
        QVERIFY2(lines.last().contains("Fish and chips and Apache Kafka (6 steps)"),
            lines.last().constData());
    }

    void refusesABadRate()
    {
        const ProcessResult r = chippy({"--headless", "--rate", "lots"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("--rate needs a positive number of orders a second or max"));
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
