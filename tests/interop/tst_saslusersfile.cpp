// chippy-broker's SASL/PLAIN users from a file or the environment, kept out of ps.
#include "process_runner.h"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
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

// kcat's metadata listing as the given user; its exit code.
int listAs(const QString &address, const QString &user, const QString &password)
{
    return runProcess(QStringLiteral("kcat"),
        {"-b", address, "-L", "-m", "5", "-X", "security.protocol=SASL_PLAINTEXT", "-X",
            "sasl.mechanisms=PLAIN", "-X", "sasl.username=" + user, "-X",
            "sasl.password=" + password},
        {}, kTimeoutMs)
        .exitCode;
}

} // namespace

class TestSaslUsersFile : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString usersFile(const QByteArray &text, QFile::Permissions permissions)
    {
        const auto path = m_dir.filePath(QStringLiteral("users"));
        QFile f(path);
        f.open(QIODevice::WriteOnly | QIODevice::Truncate);
        f.write(text);
        f.close();
        f.setPermissions(permissions);
        return path;
    }

    // Starts the broker and returns the address it listens on.
    QString start(QProcess &broker, const QStringList &args)
    {
        broker.start(brokerBin(), QStringList {"--listen", "127.0.0.1:0"} + args);
        if (!broker.waitForReadyRead(kTimeoutMs)) {
            return {};
        }
        const auto line = broker.readLine().trimmed();
        return QString::fromUtf8(line.mid(QByteArray("listening on ").size()));
    }

    void stop(QProcess &broker)
    {
        ::kill(static_cast<pid_t>(broker.processId()), SIGTERM);
        QVERIFY(broker.waitForFinished(kTimeoutMs));
    }

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(brokerBin()), "CHIPPY_BROKER_BIN is not set"); }

    void usersComeFromAFileOnlyItsOwnerMayRead()
    {
        QVERIFY(runProcess(brokerBin(), {"--help"}).out.contains("--sasl-users-file"));
        const auto file = usersFile(
            "# the shop\nfryer:hot:oil\ntill:cash\n", QFile::ReadOwner | QFile::WriteOwner);
        QProcess broker;
        const auto address = start(broker, {"--sasl-users-file", file});
        QVERIFY(!address.isEmpty());
        QCOMPARE(listAs(address, "fryer", "hot:oil"), 0);
        QCOMPARE(listAs(address, "till", "cash"), 0);
        QVERIFY(listAs(address, "till", "oil") != 0);
        stop(broker);
    }

    void aUsersFileOthersMayReadIsRefused()
    {
        const auto file
            = usersFile("fryer:oil\n", QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        const auto r = runProcess(brokerBin(), {"--sasl-users-file", file}, {}, kTimeoutMs);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("chmod 600"), r.err.constData());
    }

    void usersComeFromTheEnvironment()
    {
        QProcess broker;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CHIPPY_SASL_USERS"), QStringLiteral("fryer:hot oil\ncook:pan"));
        broker.setProcessEnvironment(env);
        const auto address = start(broker, {});
        QVERIFY(!address.isEmpty());
        QCOMPARE(listAs(address, "cook", "pan"), 0);
        QVERIFY(listAs(address, "cook", "pot") != 0);
        stop(broker);
    }
};

QTEST_GUILESS_MAIN(TestSaslUsersFile)
#include "tst_saslusersfile.moc"
