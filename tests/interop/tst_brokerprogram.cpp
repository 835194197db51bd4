#include "process_runner.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace chippy::test;

namespace {

constexpr int kTimeoutMs = 20000;

QString brokerBin()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_BROKER_BIN"));
}

} // namespace

// chippy-broker as a person runs it from a shell.
class TestBrokerProgram : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(brokerBin()), "CHIPPY_BROKER_BIN is not set"); }

    void printsWhereItListensThenStopsCleanlyOnSigterm()
    {
        QTemporaryDir dir;
        QProcess broker;
        broker.start(brokerBin(), {"--listen", "127.0.0.1:0", "--data-dir", dir.path()});
        QVERIFY(broker.waitForStarted(kTimeoutMs));
        QTRY_VERIFY_WITH_TIMEOUT(broker.canReadLine(), kTimeoutMs);
        const auto line = broker.readLine().trimmed();
        QVERIFY2(line.startsWith("listening on 127.0.0.1:"), line.constData());
        const auto address = QString::fromUtf8(line.mid(QByteArray("listening on ").size()));

        const auto r = runProcess(QStringLiteral("kcat"), {"-b", address, "-L"}, {}, kTimeoutMs);
        QCOMPARE(r.exitCode, 0);

        ::kill(static_cast<pid_t>(broker.processId()), SIGTERM);
        QVERIFY(broker.waitForFinished(kTimeoutMs));
        QCOMPARE(broker.exitStatus(), QProcess::NormalExit);
        QCOMPARE(broker.exitCode(), 0);
    }

    void sigintStopsItToo()
    {
        QProcess broker;
        broker.start(brokerBin(), {"--listen", "127.0.0.1:0", "--in-memory"});
        QTRY_VERIFY_WITH_TIMEOUT(broker.canReadLine(), kTimeoutMs);
        ::kill(static_cast<pid_t>(broker.processId()), SIGINT);
        QVERIFY(broker.waitForFinished(kTimeoutMs));
        QCOMPARE(broker.exitCode(), 0);
    }

    void versionAndHelpAnswer()
    {
        const auto version = runProcess(brokerBin(), {"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("chippy-broker "));
        const auto help = runProcess(brokerBin(), {"--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char *option : {"--listen", "--data-dir", "--in-memory", "--partitions",
                 "--no-auto-create", "--retention-ms", "--retention-bytes", "--segment-bytes",
                 "--max-request-bytes", "--fsync", "--group-initial-rebalance-delay-ms"}) {
            QVERIFY2(help.out.contains(option), option);
        }
        QVERIFY2(help.out.contains("default: off"), "--help should say --fsync is off by default");
    }

    void syncingEveryAppendStillServesWhatIsProduced()
    {
        QTemporaryDir dir;
        QProcess broker;
        broker.start(brokerBin(),
            {"--listen", "127.0.0.1:0", "--data-dir", dir.path(), "--fsync",
                "--group-initial-rebalance-delay-ms", "100"});
        QTRY_VERIFY_WITH_TIMEOUT(broker.canReadLine(), kTimeoutMs);
        const auto line = broker.readLine().trimmed();
        const auto address = QString::fromUtf8(line.mid(QByteArray("listening on ").size()));

        const auto produced = runProcess(QStringLiteral("kcat"),
            {"-b", address, "-P", "-t", "synced"}, "cod\nhaddock\nplaice\n", kTimeoutMs);
        QCOMPARE(produced.exitCode, 0);
        const auto consumed = runProcess(QStringLiteral("kcat"),
            {"-b", address, "-C", "-t", "synced", "-o", "beginning", "-c", "3", "-e"}, {},
            kTimeoutMs);
        QCOMPARE(consumed.exitCode, 0);
        QCOMPARE(consumed.out, QByteArray("cod\nhaddock\nplaice\n"));

        ::kill(static_cast<pid_t>(broker.processId()), SIGTERM);
        QVERIFY(broker.waitForFinished(kTimeoutMs));
        QCOMPARE(broker.exitCode(), 0);
    }

    void aNegativeRebalanceDelayIsRefused()
    {
        const auto r = runProcess(brokerBin(), {"--group-initial-rebalance-delay-ms", "-5"});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("--group-initial-rebalance-delay-ms"), r.err.constData());
    }

    void aBusyPortIsReportedInWords()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        const auto r = runProcess(
            brokerBin(), {"--listen", "127.0.0.1:" + QString::number(squatter.serverPort())});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("cannot listen on 127.0.0.1:"), r.err.constData());
        QVERIFY2(r.err.contains("in use"), r.err.constData());
    }

    void aMalformedListenAddressIsRefused()
    {
        const auto r = runProcess(brokerBin(), {"--listen", "nonsense"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("HOST:PORT"));
    }

    void saslPlainUsersMustLogIn()
    {
        QVERIFY(runProcess(brokerBin(), {"--help"}).out.contains("--sasl-plain-user"));
        QProcess broker;
        broker.start(brokerBin(),
            {"--listen", "127.0.0.1:0", "--sasl-plain-user", "fryer:hot:oil", "--sasl-plain-user",
                "till:cash"});
        QTRY_VERIFY_WITH_TIMEOUT(broker.canReadLine(), kTimeoutMs);
        const auto line = broker.readLine().trimmed();
        const auto address = QString::fromUtf8(line.mid(QByteArray("listening on ").size()));

        const QStringList sasl {"-X", "security.protocol=SASL_PLAINTEXT", "-X",
            "sasl.mechanisms=PLAIN", "-X", "sasl.username=fryer"};
        const auto listed = runProcess(QStringLiteral("kcat"),
            QStringList {"-b", address, "-L", "-X", "sasl.password=hot:oil"} + sasl, {},
            kTimeoutMs);
        QCOMPARE(listed.exitCode, 0);
        const auto refused = runProcess(QStringLiteral("kcat"),
            QStringList {"-b", address, "-L", "-m", "3", "-X", "sasl.password=cold"} + sasl, {},
            kTimeoutMs);
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(
            refused.err.contains("authentication failed for user fryer"), refused.err.constData());

        ::kill(static_cast<pid_t>(broker.processId()), SIGTERM);
        QVERIFY(broker.waitForFinished(kTimeoutMs));
    }

    void aSaslUserWithoutAPasswordIsRefused()
    {
        const auto r = runProcess(brokerBin(), {"--sasl-plain-user", "fryer"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("NAME:PASSWORD"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestBrokerProgram)
#include "tst_brokerprogram.moc"
