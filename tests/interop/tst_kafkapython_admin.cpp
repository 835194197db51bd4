#include "log/topic_config.h"
#include "process_runner.h"
#include "test_cluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>
#include <memory>

using namespace chippy::test;

namespace {

constexpr int kScriptTimeoutMs = 60000;
// DescribeConfigs config sources.
constexpr int kTopicConfig = 1;
constexpr int kDefaultConfig = 5;

// Runs a script; suffix goes after every topic name it makes.
QJsonObject runScript(
    const QString &name, const QString &bootstrap, const QString &suffix, QString &failure)
{
    const auto r = runProcess(systemPython(),
        {QStringLiteral(CHIPPY_INTEROP_PYTHON_DIR) + "/" + name, bootstrap, suffix}, {},
        kScriptTimeoutMs);
    if (r.exitCode != 0) {
        failure = QString::fromUtf8(r.err);
        return {};
    }
    QJsonParseError error;
    const auto doc = QJsonDocument::fromJson(r.out, &error);
    if (error.error != QJsonParseError::NoError) {
        failure = error.errorString() + ": " + QString::fromUtf8(r.out);
    }
    return doc.object();
}

} // namespace

// kafka-python's KafkaAdminClient against the embedded broker and
// (tst_kafkapython_admin_on_kafka) Apache Kafka: what each call answers and what it leaves
// behind in the broker. The wording of refusals, and configs Kafka describes otherwise, are
// checked on the embedded broker only.
class TestKafkaPythonAdmin : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestCluster> m_cluster;

    QJsonObject run(const QString &script, QString &failure)
    {
        return runScript(script, m_cluster->bootstrap(), m_cluster->name({}), failure);
    }
    bool embedded() const { return m_cluster->embedded() != nullptr; }

private slots:
    void init()
    {
        m_cluster = std::make_unique<TestCluster>();
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
    }
    void cleanup() { m_cluster.reset(); }

    void createsGrowsListsAndDeletesTopics()
    {
        QString failure;
        const auto steps = run("admin_topics.py", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        const auto create = steps["create"].toObject();
        QVERIFY(create["ok"].toBool());
        const auto suffix = m_cluster->name({});
        QCOMPARE(create["answers"].toArray(),
            QJsonArray({QJsonArray({"ORDER" + suffix, 0, QJsonValue::Null}),
                QJsonArray({"READY" + suffix, 0, QJsonValue::Null})}));

        const auto again = steps["create_again"].toObject();
        QCOMPARE(again["error"].toString(), QStringLiteral("TopicAlreadyExistsError"));
        QVERIFY2(!embedded() || again["message"].toString().contains("topic ORDER already exists"),
            qPrintable(again["message"].toString()));

        const auto replicas = steps["three_replicas"].toObject();
        QCOMPARE(replicas["error"].toString(), QStringLiteral("InvalidReplicationFactorError"));

        QVERIFY(steps["validate_only"].toObject()["ok"].toBool());
        QCOMPARE(steps["topics_after_create"].toArray(), QJsonArray({"ORDER", "READY"}));

        QVERIFY(steps["grow"].toObject()["ok"].toBool());
        const auto shrink = steps["shrink"].toObject();
        QCOMPARE(shrink["error"].toString(), QStringLiteral("InvalidPartitionsError"));
        QVERIFY2(
            !embedded() || shrink["message"].toString().contains("partition count can only go up"),
            qPrintable(shrink["message"].toString()));
        QCOMPARE(steps["partitions"].toObject(), QJsonObject({{"ORDER", 5}, {"READY", 1}}));

        QVERIFY(steps["delete"].toObject()["ok"].toBool());
        QCOMPARE(steps["delete_missing"].toObject()["error"].toString(),
            QStringLiteral("UnknownTopicOrPartitionError"));
        QCOMPARE(steps["topics_after_delete"].toArray(), QJsonArray({"ORDER"}));

        if (!embedded()) {
            return;
        }
        const auto snapshot = m_cluster->embedded()->broker().snapshot();
        QCOMPARE(snapshot.topics.size(), std::size_t(1));
        QCOMPARE(snapshot.topics[0].name, std::string("ORDER"));
        QCOMPARE(snapshot.topics[0].partitions.size(), std::size_t(5));
        QCOMPARE(snapshot.topics[0].configOverrides,
            (std::map<std::string, std::string> {{"retention.ms", "60000"}}));
    }

    void describesAndAltersConfigs()
    {
        QString failure;
        const auto steps = run("admin_configs.py", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        const auto topic = steps["describe_topic"].toObject();
        QCOMPARE(topic["error_code"].toInt(), 0);
        const auto configs = topic["configs"].toObject();
        for (const auto &e : chippy::broker::topicConfigEntries(chippy::broker::BrokerConfig {})) {
            QVERIFY2(configs.contains(QString::fromStdString(e.name)), e.name.c_str());
        }
        const auto retention = configs["retention.ms"].toObject();
        QCOMPARE(retention["value"].toString(), QStringLiteral("60000"));
        QCOMPARE(retention["source"].toInt(), kTopicConfig);
        QCOMPARE(retention["synonyms"].toArray().first(),
            QJsonValue(QJsonArray({"retention.ms", "60000", kTopicConfig})));
        QCOMPARE(configs["segment.bytes"].toObject()["source"].toInt(), kDefaultConfig);
        const auto broker = steps["describe_broker"].toObject()["configs"].toObject();
        QCOMPARE(broker["broker.id"].toObject()["value"].toString(), QStringLiteral("1"));
        QVERIFY(broker["num.partitions"].toObject()["read_only"].toBool());
        QCOMPARE(steps["describe_missing"].toObject()["error_code"].toInt(), 3);
        QCOMPARE(steps["alter"].toObject()["error_code"].toInt(), 0);
        QCOMPARE(steps["alter_bad"].toObject()["error_code"].toInt(), 40);
        // AlterConfigs replaced the overrides: retention.ms went back to its default.
        const auto after = steps["describe_after"].toObject()["configs"].toObject();
        QCOMPARE(
            after["retention.bytes"].toObject()["value"].toString(), QStringLiteral("1048576"));
        QCOMPARE(after["retention.ms"].toObject()["source"].toInt(), kDefaultConfig);
        if (!embedded()) {
            return;
        }
        // chippy-broker's own wording, and the default it names as retention.ms's synonym
        // (Apache Kafka names none, its default being set in hours).
        QCOMPARE(retention["synonyms"].toArray(),
            QJsonArray({QJsonArray({"retention.ms", "60000", kTopicConfig}),
                QJsonArray({"log.retention.ms", "604800000", kDefaultConfig})}));

        const auto missing = steps["describe_missing"].toObject();
        QCOMPARE(missing["error_code"].toInt(), 3);
        QCOMPARE(
            missing["error_message"].toString(), QStringLiteral("topic NOWHERE does not exist"));

        QCOMPARE(steps["alter"].toObject()["error_code"].toInt(), 0);
        const auto bad = steps["alter_bad"].toObject();
        QCOMPARE(bad["error_code"].toInt(), 40);
        QCOMPARE(bad["error_message"].toString(),
            QStringLiteral(
                "Invalid value 12 for configuration segment.bytes: Value must be at least 1024"));

        const auto snapshot = m_cluster->embedded()->broker().snapshot();
        QCOMPARE(snapshot.topics.size(), std::size_t(1));
        QCOMPARE(snapshot.topics[0].configOverrides,
            (std::map<std::string, std::string> {{"retention.bytes", "1048576"}}));
    }

    void listingAclsSaysSecurityIsDisabled()
    {
        QString failure;
        const auto steps = run("admin_acls.py", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        const auto acls = steps["describe_acls"].toObject();
        QCOMPARE(acls["error"].toString(), QStringLiteral("SecurityDisabledError"));
        QVERIFY2(
            acls["message"].toString().contains("no authorizer is configured", Qt::CaseInsensitive),
            qPrintable(acls["message"].toString()));
        if (embedded()) {
            QCOMPARE(steps["topics_after"].toArray(), QJsonArray());
        }
    }
};

QTEST_GUILESS_MAIN(TestKafkaPythonAdmin)
#include "tst_kafkapython_admin.moc"
