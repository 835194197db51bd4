#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// Stopped by a signal, Chippy ends as it would have ended anyway: the embedded broker's
// temporary folder is gone afterwards, for --headless and for the window alike.
class TestSignals : public QObject
{
    Q_OBJECT

private:
    static constexpr int kStartMs = 30000;
    static constexpr int kStopMs = 30000;

    // The broker's folders under tmp that hold a log already.
    static QStringList brokerFolders(const QString &tmp)
    {
        QStringList found;
        const QStringList folders = QDir(tmp).entryList({QStringLiteral("chippy-*")}, QDir::Dirs);
        for (const QString &folder : folders) {
            if (!QDir(tmp + QLatin1Char('/') + folder)
                     .entryList(QDir::AllEntries | QDir::NoDotAndDotDot)
                     .isEmpty()) {
                found << folder;
            }
        }
        return found;
    }

private slots:
    void aSignalEndsChippyTidily_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("signal");
        QTest::newRow("headless, SIGTERM") << QStringList {"--headless", "--scenario", "model-2",
            "--duration", "600"} << int(SIGTERM);
        QTest::newRow("headless, SIGINT") << QStringList {"--headless", "--scenario", "model-1",
            "--duration", "600"} << int(SIGINT);
        QTest::newRow("window, SIGINT") << QStringList {"--scenario", "model-2"} << int(SIGINT);
        QTest::newRow("window, SIGTERM") << QStringList {"--scenario", "model-1"} << int(SIGTERM);
    }

    void aSignalEndsChippyTidily()
    {
        QFETCH(QStringList, args);
        QFETCH(int, signal);
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QProcess chippy;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("TMPDIR"), tmp.path());
        environment.insert(QStringLiteral("HOME"), tmp.path());
        environment.insert(
            QStringLiteral("XDG_CONFIG_HOME"), tmp.filePath(QStringLiteral("config")));
        chippy.setProcessEnvironment(environment);
        chippy.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        chippy.setStandardOutputFile(QProcess::nullDevice());
        chippy.start(QStringLiteral(CHIPPY_BIN), args);
        QVERIFY(chippy.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(!brokerFolders(tmp.path()).isEmpty(), kStartMs);
        QCOMPARE(chippy.state(), QProcess::Running);

        ::kill(static_cast<pid_t>(chippy.processId()), signal);
        QVERIFY(chippy.waitForFinished(kStopMs));
        QCOMPARE(chippy.exitStatus(), QProcess::NormalExit);
        QCOMPARE(chippy.exitCode(), 128 + signal);
        QCOMPARE(brokerFolders(tmp.path()), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestSignals)
#include "tst_signals.moc"
