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
        for (const char *option :
            {"--listen", "--data-dir", "--in-memory", "--partitions", "--no-auto-create",
                "--retention-ms", "--retention-bytes", "--segment-bytes", "--max-request-bytes"}) {
            QVERIFY2(help.out.contains(option), option);
        }
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
};

QTEST_GUILESS_MAIN(TestBrokerProgram)
#include "tst_brokerprogram.moc"
