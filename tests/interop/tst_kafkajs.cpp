#include "process_runner.h"
#include "test_cluster.h"

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace chippy::test;

namespace {

constexpr int kStartTimeoutMs = 20000;
constexpr int kScriptTimeoutMs = 180000;
constexpr int kStopTimeoutMs = 20000;

QString brokerBin()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_BROKER_BIN"));
}

QString nodeDir()
{
    return QStringLiteral(CHIPPY_INTEROP_NODE_DIR);
}

QStringList numbered(const QString &prefix, int count)
{
    QStringList out;
    for (int i = 0; i < count; ++i) {
        out << prefix + QString::number(i);
    }
    out.sort();
    return out;
}

QStringList strings(const QJsonArray &values)
{
    QStringList out;
    for (const auto &v : values) {
        out << v.toString();
    }
    return out;
}

} // namespace

// KafkaJS, a pure JavaScript client, against chippy-broker run as its own process and
// (tst_kafkajs_on_kafka) against Apache Kafka.
class TestKafkaJs : public QObject
{
    Q_OBJECT

private:
    QString m_node;
    std::unique_ptr<QTemporaryDir> m_dir; // the broker's data dir and its log
    std::unique_ptr<QProcess> m_broker;
    QString m_bootstrap;
    QString m_suffix; // after every topic and group name, on the shared Apache Kafka

    QJsonObject runScript(const QString &name, QString &failure)
    {
        const auto r = runProcess(
            m_node, {nodeDir() + "/" + name, m_bootstrap, m_suffix}, {}, kScriptTimeoutMs);
        if (r.timedOut) {
            failure = name + " did not finish: " + QString::fromUtf8(r.err);
            return {};
        }
        if (r.exitCode != 0) {
            failure = name + " failed: " + QString::fromUtf8(r.err);
            return {};
        }
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(r.out, &error);
        if (error.error != QJsonParseError::NoError) {
            failure = error.errorString() + ": " + QString::fromUtf8(r.out);
        }
        return doc.object();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(brokerBin()), "CHIPPY_BROKER_BIN is not set");
        m_node = QStandardPaths::findExecutable(QStringLiteral("node"));
        QVERIFY2(!m_node.isEmpty(), "node is not installed: run packaging/install-deps.sh");
        QVERIFY2(QFile::exists(nodeDir() + "/node_modules/kafkajs/package.json"),
            qPrintable("KafkaJS is not installed in " + nodeDir()
                + "/node_modules: run packaging/install-deps.sh (npm ci there)"));
    }

    void init()
    {
        if (onApacheKafka()) {
            const auto kafka = realKafka();
            QVERIFY2(kafka.running(), qPrintable(kafka.error));
            m_bootstrap = kafka.bootstrap;
            m_suffix
                = QLatin1Char('-') + QString::number(QRandomGenerator::global()->generate(), 36);
            return;
        }
        m_suffix.clear();
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("data")));
        m_broker = std::make_unique<QProcess>();
        // A file, not a pipe: nobody reads the broker's log while a script runs.
        m_broker->setStandardErrorFile(m_dir->filePath(QStringLiteral("broker.log")));
        m_broker->start(brokerBin(),
            {"--listen", "127.0.0.1:0", "--data-dir", m_dir->filePath(QStringLiteral("data")),
                "--group-initial-rebalance-delay-ms", "100"});
        QVERIFY(m_broker->waitForStarted(kStartTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(m_broker->canReadLine(), kStartTimeoutMs);
        const auto line = m_broker->readLine().trimmed();
        QVERIFY2(line.startsWith("listening on 127.0.0.1:"), line.constData());
        m_bootstrap = QString::fromUtf8(line.mid(QByteArray("listening on ").size()));
    }

    void cleanup()
    {
        if (m_broker && m_broker->state() != QProcess::NotRunning) {
            ::kill(static_cast<pid_t>(m_broker->processId()), SIGTERM);
            if (!m_broker->waitForFinished(kStopTimeoutMs)) {
                m_broker->kill();
                m_broker->waitForFinished(kStopTimeoutMs);
            }
            QCOMPARE(m_broker->exitCode(), 0);
        }
        if (QTest::currentTestFailed() && m_dir) {
            QFile log(m_dir->filePath(QStringLiteral("broker.log")));
            if (log.open(QIODevice::ReadOnly)) {
                qWarning().noquote() << "chippy-broker log:\n" + QString::fromUtf8(log.readAll());
            }
        }
        m_broker.reset();
        m_dir.reset();
    }

    void theAdminClientManagesTopicsOffsetsConfigsAndGroups()
    {
        QString failure;
        const auto r = runScript("admin.js", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        QCOMPARE(r["created"].toBool(), true);
        QCOMPARE(r["createdAgain"].toBool(), false);
        QCOMPARE(r["listed"].toBool(), true);
        QCOMPARE(r["partitions"].toArray(), QJsonArray({0, 1, 2}));
        QCOMPARE(r["offsets"].toObject(),
            QJsonObject({{"0", QJsonArray({"0", "2"})}, {"1", QJsonArray({"0", "2"})},
                {"2", QJsonArray({"0", "1"})}}));
        QCOMPARE(
            r["offsetsByTimestamp"].toObject(), QJsonObject({{"0", "0"}, {"1", "0"}, {"2", "0"}}));
        QCOMPARE(
            r["offsetsInFuture"].toObject(), QJsonObject({{"0", "2"}, {"1", "2"}, {"2", "1"}}));
        QCOMPARE(r["groupOffsets"].toObject()["0"].toString(), QStringLiteral("1"));
        // Like Kafka, the broker keeps the "earliest" sentinel that resetOffsets commits.
        QCOMPARE(r["groupOffsetsAfterReset"].toObject(),
            QJsonObject({{"0", "-2"}, {"1", "-2"}, {"2", "-2"}}));
        QCOMPARE(r["groupListed"].toBool(), true);
        QCOMPARE(r["groupState"].toString(), QStringLiteral("Empty"));
        QCOMPARE(r["retentionMs"].toString(), QStringLiteral("3600000"));
        QCOMPARE(r["brokers"].toInt(), 1);
        // Appended, not braced: a one-element braced list of an array is a copy to some compilers.
        QJsonArray deleted;
        deleted.append(QJsonArray({"kjs-admin-counters" + m_suffix, 0}));
        QCOMPARE(r["deletedGroups"].toArray(), deleted);
        QCOMPARE(r["groupOffsetsAfterDelete"].toObject(),
            QJsonObject({{"0", "-1"}, {"1", "-1"}, {"2", "-1"}}));
        QCOMPARE(r["listedAfterDelete"].toBool(), false);
    }

    void anIdempotentProducerSendsKeyedRecordsWithHeadersPlainAndGzipped()
    {
        QString failure;
        const auto r = runScript("produce.js", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        QCOMPARE(r["ackErrors"].toInt(), 0);
        QCOMPARE(strings(r["consumed"].toArray()), numbered("order ", 30));
        QCOMPARE(r["headersMatch"].toBool(), true);
        QCOMPARE(r["keysStayOnOnePartition"].toBool(), true);
        QCOMPARE(r["keys"].toArray(), QJsonArray({"till-0", "till-1", "till-2"}));
        // No transactions in chippy-broker: KafkaJS is told so at once instead of waiting.
        // Apache Kafka has them.
        QCOMPARE(r["transactionRefusal"].toString(),
            onApacheKafka() ? QStringLiteral("accepted")
                            : QStringLiteral("TRANSACTIONAL_ID_AUTHORIZATION_FAILED"));
    }

    void twoConsumersShareFourPartitionsAndOneTakesOverWhenTheOtherLeaves()
    {
        QString failure;
        const auto r = runScript("groups.js", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        const auto split = r["split"].toArray();
        QStringList all;
        for (const auto &assigned : split) {
            QCOMPARE(assigned.toArray().size(), 2);
            for (const auto &p : assigned.toArray()) {
                all << QString::number(p.toInt());
            }
        }
        all.sort();
        QCOMPARE(all, QStringList({"0", "1", "2", "3"}));
        // Records sent after the split reach both members, each on its own partitions.
        QCOMPARE(r["sharedByEach"].toArray(), QJsonArray({20, 20}));
        QCOMPARE(r["sharedOnOwnPartitions"].toBool(), true);
        const auto stable = r["whileStable"].toObject();
        QCOMPARE(stable["state"].toString(), QStringLiteral("Stable"));
        QCOMPARE(stable["protocolType"].toString(), QStringLiteral("consumer"));
        QCOMPARE(stable["members"].toInt(), 2);
        QCOMPARE(r["stateAfter"].toString(), QStringLiteral("Empty"));
        // 40 from the beginning, 40 shared, 8 after the takeover: each read exactly once.
        QCOMPARE(r["distinct"].toInt(), 88);
        QCOMPARE(r["total"].toInt(), 88);
    }
};

QTEST_GUILESS_MAIN(TestKafkaJs)
#include "tst_kafkajs.moc"
