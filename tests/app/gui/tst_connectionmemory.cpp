#include "cluster_settings.h"
#include "connection_memory.h"
#include "password_keyring.h"
#include "store_settings.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace chippy;

namespace {

constexpr int kKeyringMs = 15000;

// What the keyring holds under a key, asked with libsecret's own tool rather than through
// the code under test.
QString lookedUp(const QString &service, const QString &key)
{
    QProcess tool;
    tool.start(QStringLiteral("secret-tool"),
        {QStringLiteral("lookup"), QStringLiteral("server"), service, QStringLiteral("user"), key});
    if (!tool.waitForFinished(kKeyringMs)) {
        return QStringLiteral("(secret-tool did not answer)");
    }
    return QString::fromUtf8(tool.readAllStandardOutput());
}

void fill(gui::ClusterSettings &cluster, gui::StoreSettings &stores)
{
    cluster.setBootstrap(QStringLiteral("kafka.example.com:9093"));
    cluster.setSecurityProtocol(QStringLiteral("sasl_ssl"));
    cluster.setSaslMechanism(QStringLiteral("SCRAM-SHA-512"));
    cluster.setSaslUsername(QStringLiteral("speaker"));
    cluster.setSaslPassword(QStringLiteral("kafka-secret"));
    cluster.setCaLocation(QStringLiteral("/etc/ssl/kafka-ca.pem"));
    stores.setProperty("analyticsUrl", QStringLiteral("https://search.example.com:9200"));
    stores.setProperty("analyticsUser", QStringLiteral("statistician"));
    stores.setProperty("analyticsPassword", QStringLiteral("search-secret"));
    stores.setProperty("ledgerDsn", QStringLiteral("postgresql://books@db.example.com:5432/shop"));
    stores.setProperty("ledgerPassword", QStringLiteral("ledger-secret"));
    stores.setProperty("cabinetUrl", QStringLiteral("redis://cache.example.com:6379"));
    stores.setProperty("cabinetPassword", QStringLiteral("redis-secret"));
}

// A run of the window: its settings file, keyring, memory and connection settings.
struct WindowRun
{
    WindowRun(const QString &settingsPath, const QString &service)
        : settings(settingsPath, QSettings::IniFormat)
        , keyring(service)
        , memory(&settings, &keyring)
    { }

    QSettings settings;
    gui::PasswordKeyring keyring;
    gui::ConnectionMemory memory;
    gui::ClusterSettings cluster;
    gui::StoreSettings stores;
};

} // namespace

// The last connection remembered: addresses in a settings file, passwords in a real GNOME
// Keyring (tests/servers/keyring-session.sh runs this test on a private bus with one).
class TestConnectionMemory : public QObject
{
    Q_OBJECT

private:
    // A run of the window that connected with fill()'s settings, still going; null, the test
    // failed, when the keyring did not take the passwords.
    std::unique_ptr<WindowRun> connectAndRemember()
    {
        auto run = std::make_unique<WindowRun>(m_settingsPath, m_service);
        fill(run->cluster, run->stores);
        run->memory.remember(run->cluster, run->stores);
        waitForTheKeyring(run->memory);
        return QTest::currentTestFailed() ? nullptr : std::move(run);
    }

    void waitForTheKeyring(const gui::ConnectionMemory &memory)
    {
        // The keyring takes the passwords one after another, Redis's last.
        QTRY_COMPARE_WITH_TIMEOUT(
            lookedUp(m_service, QStringLiteral("redis redis://cache.example.com:6379")),
            QStringLiteral("redis-secret"), kKeyringMs);
        QVERIFY2(memory.keyringStatus().contains(QLatin1String("desktop keyring")),
            qPrintable(memory.keyringStatus()));
    }

    // A run of the window that connected with fill()'s settings and then ended.
    void rememberAConnection() { connectAndRemember(); }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_settingsPath = m_dir.filePath(QStringLiteral("%1.conf").arg(++m_run));
        m_service = QStringLiteral("Chippy test %1").arg(m_run);
    }

    void theKeyringKeepsAndGivesBackAPassword()
    {
        gui::PasswordKeyring keyring(m_service);
        QString problem = QStringLiteral("(no answer)");
        keyring.write(QStringLiteral("kafka speaker@k:9093"), QStringLiteral("s3cret"),
            [&problem](const QString &p) { problem = p; });
        QTRY_VERIFY_WITH_TIMEOUT(problem != QLatin1String("(no answer)"), kKeyringMs);
        QCOMPARE(problem, QString());
        QCOMPARE(
            lookedUp(m_service, QStringLiteral("kafka speaker@k:9093")), QStringLiteral("s3cret"));

        gui::PasswordKeyring again(m_service);
        std::optional<gui::PasswordKeyring::Answer> answer;
        again.read(QStringLiteral("kafka speaker@k:9093"),
            [&answer](const gui::PasswordKeyring::Answer &a) { answer = a; });
        QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kKeyringMs);
        QCOMPARE(answer->problem, QString());
        QCOMPARE(answer->password, QStringLiteral("s3cret"));

        problem = QStringLiteral("(no answer)");
        again.write(QStringLiteral("kafka speaker@k:9093"), {},
            [&problem](const QString &p) { problem = p; });
        QTRY_VERIFY_WITH_TIMEOUT(problem != QLatin1String("(no answer)"), kKeyringMs);
        QCOMPARE(problem, QString());
        QCOMPARE(lookedUp(m_service, QStringLiteral("kafka speaker@k:9093")), QString());
    }

    void theConnectionComesBackWithItsPasswords()
    {
        rememberAConnection();
        QFile file(m_settingsPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(written.contains("kafka.example.com:9093"));
        QVERIFY(!written.contains("secret"));
        QCOMPARE(lookedUp(m_service, QStringLiteral("kafka speaker@kafka.example.com:9093")),
            QStringLiteral("kafka-secret"));

        QSettings settings(m_settingsPath, QSettings::IniFormat);
        gui::PasswordKeyring keyring(m_service);
        gui::ConnectionMemory memory(&settings, &keyring);
        gui::ClusterSettings cluster;
        gui::StoreSettings stores;
        memory.recall(cluster, stores);
        QCOMPARE(cluster.bootstrap(), QStringLiteral("kafka.example.com:9093"));
        QCOMPARE(cluster.securityProtocol(), QStringLiteral("sasl_ssl"));
        QCOMPARE(cluster.saslMechanism(), QStringLiteral("SCRAM-SHA-512"));
        QCOMPARE(cluster.caLocation(), QStringLiteral("/etc/ssl/kafka-ca.pem"));
        QVERIFY2(cluster.embedded(), "which broker to start on is the command line's choice");
        QCOMPARE(stores.property("ledgerDsn").toString(),
            QStringLiteral("postgresql://books@db.example.com:5432/shop"));
        QTRY_COMPARE_WITH_TIMEOUT(
            cluster.saslPassword(), QStringLiteral("kafka-secret"), kKeyringMs);
        QTRY_COMPARE_WITH_TIMEOUT(stores.property("analyticsPassword").toString(),
            QStringLiteral("search-secret"), kKeyringMs);
        QTRY_COMPARE_WITH_TIMEOUT(stores.property("ledgerPassword").toString(),
            QStringLiteral("ledger-secret"), kKeyringMs);
        QTRY_COMPARE_WITH_TIMEOUT(stores.property("cabinetPassword").toString(),
            QStringLiteral("redis-secret"), kKeyringMs);

        shop::ShopConfig config;
        stores.applyTo(config);
        QCOMPARE(config.ledger.dsn,
            QStringLiteral("postgresql://books:ledger-secret@db.example.com:5432/shop"));
        QVERIFY(!stores.describe().contains(QLatin1String("secret")));
    }

    void aPasswordTypedBeforeTheKeyringAnswersIsKept()
    {
        rememberAConnection();
        QSettings settings(m_settingsPath, QSettings::IniFormat);
        gui::PasswordKeyring keyring(m_service);
        gui::ConnectionMemory memory(&settings, &keyring);
        gui::ClusterSettings cluster;
        gui::StoreSettings stores;
        QStringList recalled;
        connect(&memory, &gui::ConnectionMemory::passwordRecalled, this,
            [&recalled](const QString &key) { recalled << key; });
        memory.recall(cluster, stores);
        cluster.setSaslPassword(QStringLiteral("typed"));
        QTRY_COMPARE_WITH_TIMEOUT(recalled.size(), 3, kKeyringMs);
        QCOMPARE(cluster.saslPassword(), QStringLiteral("typed"));
    }

    void passwordsNotToBeKeptLeaveTheKeyring()
    {
        const std::unique_ptr<WindowRun> run = connectAndRemember();
        QVERIFY(run);
        gui::ConnectionMemory &memory = run->memory;

        memory.setKeepPasswords(false);
        memory.remember(run->cluster, run->stores);
        QTRY_COMPARE_WITH_TIMEOUT(
            lookedUp(m_service, QStringLiteral("redis redis://cache.example.com:6379")), QString(),
            kKeyringMs);
        QCOMPARE(
            lookedUp(m_service, QStringLiteral("kafka speaker@kafka.example.com:9093")), QString());
        QVERIFY2(memory.keyringStatus().contains(QLatin1String("this run only")),
            qPrintable(memory.keyringStatus()));

        gui::ConnectionMemory later(&run->settings, &run->keyring);
        QVERIFY(!later.keepPasswords());
        gui::ClusterSettings recalledCluster;
        gui::StoreSettings recalledStores;
        later.recall(recalledCluster, recalledStores);
        QCOMPARE(recalledCluster.saslUsername(), QStringLiteral("speaker"));
        QCOMPARE(recalledCluster.saslPassword(), QString());
    }

private:
    QTemporaryDir m_dir;
    QString m_settingsPath;
    QString m_service;
    int m_run = 0;
};

// The same with no keyring on the bus: the window says so in words, soon, and nothing waits.
class TestWithoutKeyring : public QObject
{
    Q_OBJECT

private slots:
    void aMissingKeyringIsSaidInWords()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("chippy.conf")), QSettings::IniFormat);
        gui::PasswordKeyring keyring(QStringLiteral("Chippy test"));
        gui::ConnectionMemory memory(&settings, &keyring);
        gui::ClusterSettings cluster;
        gui::StoreSettings stores;
        fill(cluster, stores);
        memory.remember(cluster, stores);
        QTRY_VERIFY2_WITH_TIMEOUT(memory.keyringStatus().contains(QLatin1String("this run only")),
            qPrintable(memory.keyringStatus()), kKeyringMs);
        QVERIFY(cluster.saslPassword() == QLatin1String("kafka-secret"));
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (qEnvironmentVariableIsSet("CHIPPY_TEST_NO_KEYRING")) {
        TestWithoutKeyring test;
        return QTest::qExec(&test, argc, argv);
    }
    TestConnectionMemory test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_connectionmemory.moc"
