#include "broker_fixture.h"
#include "kafka/admin.h"
#include "kafka/cluster_profile.h"

#include <QFile>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy;
using namespace chippy::kafka;

namespace {

constexpr auto kPassword = "f1sh-supper-S3CRET";

QStringList g_logLines;

void captureLog(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_logLines << QString::fromUtf8(context.category ? context.category : "") + QLatin1Char(' ')
            + message;
}

QByteArray saslProperties()
{
    return QByteArrayLiteral("# the shop's cluster\n"
                             "bootstrap.servers=kafka-1.example.com:9093,kafka-2.example.com:9093\n"
                             "security.protocol = SASL_SSL\n"
                             "ssl.ca.location=/etc/chippy/ca.pem\n"
                             "sasl.mechanism: SCRAM-SHA-256\n"
                             "sasl.username=fryer\n"
                             "sasl.password=")
        + kPassword
        + QByteArrayLiteral("\n"
                            "! an old comment style\n"
                            "client.rack=counter-side\n");
}

} // namespace

// The connection profile: client.properties in, client.properties out, and no password in
// anything a user might paste into a bug report.
class TestClusterProfile : public QObject
{
    Q_OBJECT

private slots:
    void readsAClientPropertiesFileWithSasl()
    {
        QString error;
        const ClusterProfile p = ClusterProfile::fromProperties(saslProperties(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(p.bootstrapServers,
            QStringLiteral("kafka-1.example.com:9093,kafka-2.example.com:9093"));
        QCOMPARE(p.securityProtocol, QStringLiteral("SASL_SSL"));
        QCOMPARE(p.sslCaLocation, QStringLiteral("/etc/chippy/ca.pem"));
        QCOMPARE(p.saslMechanism, QStringLiteral("SCRAM-SHA-256"));
        QCOMPARE(p.saslUsername, QStringLiteral("fryer"));
        QCOMPARE(p.saslPassword, QString::fromLatin1(kPassword));
        QCOMPARE(p.extra.value("client.rack"), QByteArray("counter-side"));
        QVERIFY(p.usesSasl());
        QVERIFY(p.usesTls());
    }

    void roundTripsThroughAFileOnlyItsOwnerCanRead()
    {
        QString error;
        const ClusterProfile original = ClusterProfile::fromProperties(saslProperties(), &error);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("client.properties"));
        QVERIFY2(original.save(path, &error), qPrintable(error));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
            | QFileDevice::ExeOther;
        QCOMPARE(QFile::permissions(path) & others, QFileDevice::Permissions());
        QVERIFY(QFile::permissions(path) & QFileDevice::ReadOwner);
        const ClusterProfile loaded = ClusterProfile::fromFile(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(loaded, original);
    }

    void givesLibrdkafkaEveryProperty()
    {
        QString error;
        const ClientConfig c
            = ClusterProfile::fromProperties(saslProperties(), &error).clientConfig();
        QCOMPARE(c.value("sasl.username"), QByteArray("fryer"));
        QCOMPARE(c.value("sasl.password"), QByteArray(kPassword));
        QCOMPARE(c.value("client.rack"), QByteArray("counter-side"));
    }

    void neverShowsThePasswordInDescriptionsReportsOrTheDebugStream()
    {
        QString error;
        const ClusterProfile p = ClusterProfile::fromProperties(saslProperties(), &error);
        QCOMPARE(p.describe(),
            QStringLiteral("sasl_ssl://kafka-1.example.com:9093,kafka-2.example.com:9093 as fryer "
                           "(SCRAM-SHA-256)"));
        const QByteArray report = QJsonDocument(p.toJson()).toJson();
        QVERIFY(report.contains("fryer"));
        QVERIFY(!report.contains(kPassword));
        QVERIFY(!p.clientConfig().redacted().join(QLatin1Char('\n')).contains(kPassword));
        QVERIFY(p.clientConfig().redacted().contains(QStringLiteral("sasl.password=***")));

        QString debugText;
        QDebug(&debugText) << p;
        QVERIFY(debugText.contains(QLatin1String("fryer")));
        QVERIFY(!debugText.contains(QLatin1String(kPassword)));
    }

    void neverLogsThePasswordWhileAClientFailsToAuthenticate()
    {
        test::BrokerFixture broker;
        ClusterProfile p = ClusterProfile::forBootstrap(broker.bootstrap());
        p.securityProtocol = QStringLiteral("SASL_PLAINTEXT");
        p.saslMechanism = QStringLiteral("PLAIN");
        p.saslUsername = QStringLiteral("fryer");
        p.saslPassword = QString::fromLatin1(kPassword);

        QLoggingCategory::setFilterRules(QStringLiteral("chippy.*=true"));
        g_logLines.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureLog);
        QString error;
        ClientConfig config = p.clientConfig();
        config.set("debug", "security,broker");
        auto admin = Admin::create(config, &error);
        QVERIFY2(admin, qPrintable(error));
        QVERIFY(!admin->probe(5000, &error));
        admin.reset();
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());

        QVERIFY2(!error.isEmpty(), "the probe must say why it failed");
        QVERIFY(!error.contains(QLatin1String(kPassword)));
        QVERIFY2(!g_logLines.isEmpty(), "librdkafka's log lines must reach chippy.kafka");
        for (const QString &line : std::as_const(g_logLines)) {
            QVERIFY2(!line.contains(QLatin1String(kPassword)), qPrintable(line));
        }
    }

    void rejectsAFileWithoutBootstrapServers()
    {
        QString error;
        ClusterProfile::fromProperties("security.protocol=SSL\n", &error);
        QCOMPARE(error, QStringLiteral("the profile has no bootstrap.servers"));
        ClusterProfile::fromProperties(
            "bootstrap.servers=h:1\nthis line has no separator\n", &error);
        QCOMPARE(error, QStringLiteral("line 2 is not key=value"));
    }

    void rejectsABadSettingWithoutQuotingASecret()
    {
        ClientConfig c {{"bootstrap.servers", "h:1"}, {"sasl.password", "hunter2"},
            {"security.protocol", "hunter2"}};
        QString error;
        QVERIFY(!c.build(&error));
        QVERIFY2(error.contains(QLatin1String("security.protocol")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestClusterProfile)
#include "tst_clusterprofile.moc"
