#include "process_runner.h"
#include "test_cluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace chippy::test;

namespace {

constexpr int kScriptTimeoutMs = 90000;

} // namespace

// kafka-python over SASL_PLAINTEXT with PLAIN: it sends SaslHandshake v0 and then the bare
// PLAIN token (KIP-152), unlike librdkafka.
class TestKafkaPythonSasl : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestCluster> m_cluster;

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.saslPlainUsers = {{"fryer", "hot-oil"}};
        m_cluster = std::make_unique<TestCluster>(config);
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
    }

    void cleanup() { m_cluster.reset(); }

    void theRightPasswordProducesAndConsumesAndAWrongOneIsRefused()
    {
        // Apache Kafka has its SASL listener apart, with one user.
        const auto &kafka = m_cluster->apacheKafka();
        const bool onKafka = m_cluster->isApacheKafka();
        const auto r = runProcess(systemPython(),
            {QStringLiteral(CHIPPY_INTEROP_PYTHON_DIR) + "/sasl_plain.py",
                onKafka ? kafka.saslBootstrap : m_cluster->bootstrap(),
                onKafka ? kafka.saslUser : QStringLiteral("fryer"),
                onKafka ? kafka.saslPassword : QStringLiteral("hot-oil"), m_cluster->name({})},
            {}, kScriptTimeoutMs);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QJsonParseError error;
        const auto steps = QJsonDocument::fromJson(r.out, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, r.out.constData());

        QCOMPARE(steps["consumed"].toArray(), QJsonArray({"cod", "plaice", "haddock"}));
        const auto wrong = steps["wrong_password"].toObject();
        QVERIFY2(!wrong["error"].isNull(), r.out.constData());
        QVERIFY2(wrong["seconds"].toDouble() < 10, r.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestKafkaPythonSasl)
#include "tst_kafkapython_sasl.moc"
