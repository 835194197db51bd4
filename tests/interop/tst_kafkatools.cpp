#include "process_runner.h"
#include "real_servers.h"
#include "test_cluster.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace chippy::test;

namespace {

constexpr int kToolTimeoutMs = 90000;
constexpr int kGroupDeadlineMs = 60000;
constexpr int kPartitions = 3;

const QString kTopicCommand = QStringLiteral("org.apache.kafka.tools.TopicCommand");
const QString kGroupCommand
    = QStringLiteral("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand");
const QString kConfigCommand = QStringLiteral("org.apache.kafka.tools.ConfigCommand");
const QString kGetOffsets = QStringLiteral("org.apache.kafka.tools.GetOffsetShell");
const QString kConsoleProducer = QStringLiteral("org.apache.kafka.tools.ConsoleProducer");
const QString kConsoleConsumer = QStringLiteral("org.apache.kafka.tools.consumer.ConsoleConsumer");

// The jars the tools run from: the fixture's on Apache Kafka, else the checked-out ones (the
// embedded run needs no Kafka server, only its programs).
QString kafkaJars(const TestCluster &cluster)
{
    if (cluster.isApacheKafka()) {
        return cluster.apacheKafka().jars;
    }
    const auto env = QProcessEnvironment::systemEnvironment();
    const auto root = env.value(QStringLiteral("CHIPPY_SERVER_JARS"),
        env.value(QStringLiteral("CHIPPY_SERVERS_DIR")) + QStringLiteral("/jars"));
    return root + QStringLiteral("/kafka");
}

// A table's rows as lists of their columns, blank lines dropped.
QList<QStringList> rows(const QByteArray &out)
{
    QList<QStringList> table;
    for (const auto &line : QString::fromUtf8(out).split(QLatin1Char('\n'))) {
        const auto columns
            = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (!columns.isEmpty()) {
            table << columns;
        }
    }
    return table;
}

} // namespace

// Apache Kafka's own command-line tools, run from its jars, against the embedded broker and
// (tst_kafkatools_on_kafka) against Apache Kafka, so that the output asserted is Kafka's.
class TestKafkaTools : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestCluster> m_cluster;
    RealKafka m_tools;

    ProcessResult tool(
        const QString &mainClass, const QStringList &args, const QByteArray &input = {})
    {
        return runKafkaTool(m_tools, mainClass,
            QStringList {QStringLiteral("--bootstrap-server"), m_cluster->bootstrap()} + args,
            input, kToolTimeoutMs);
    }

    QString name(const QString &what) const { return m_cluster->name(what); }

    // Creates a topic with kafka-topics; true when it said so.
    bool createTopic(const QString &topic, int partitions, const QStringList &extra = {})
    {
        const auto r = tool(kTopicCommand,
            QStringList {"--create", "--topic", topic, "--partitions", QString::number(partitions)}
                + extra);
        if (!r.out.contains("Created topic " + topic.toUtf8() + ".")) {
            qWarning("kafka-topics --create: %s %s", r.out.constData(), r.err.constData());
            return false;
        }
        return true;
    }

    // Produces "key:value" lines with the console producer, keys deciding the partition.
    bool produceKeyed(const QString &topic, const QByteArray &lines)
    {
        const auto r = tool(kConsoleProducer,
            {"--topic", topic, "--reader-property", "parse.key=true", "--reader-property",
                "key.separator=:"},
            lines);
        if (r.exitCode != 0) {
            qWarning("kafka-console-producer: %s", r.err.constData());
        }
        return r.exitCode == 0;
    }

    // "topic:partition:offset" lines of kafka-get-offsets, in order.
    QStringList offsets(const QString &topic, const QString &time)
    {
        const auto r = tool(kGetOffsets, {"--topic", topic, "--time", time});
        if (r.exitCode != 0) {
            qWarning("kafka-get-offsets: %s", r.err.constData());
        }
        auto lines = QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        lines.sort();
        return lines;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("java")).isEmpty(),
            "no java on PATH: run packaging/install-deps.sh");
    }

    void init()
    {
        chippy::broker::BrokerConfig config;
        config.groupInitialRebalanceDelayMs = 0;
        m_cluster = std::make_unique<TestCluster>(config);
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
        m_tools = m_cluster->isApacheKafka() ? m_cluster->apacheKafka() : RealKafka {};
        m_tools.jars = kafkaJars(*m_cluster);
        QVERIFY2(QFile::exists(m_tools.jars + QStringLiteral("/.complete")),
            qPrintable("no Kafka jars in " + m_tools.jars
                + ": run packaging/install-deps.sh (it fetches them with Maven once)"));
    }

    void cleanup() { m_cluster.reset(); }

    void kafkaTopicsCreatesDescribesGrowsListsAndDeletes()
    {
        const auto topic = name(QStringLiteral("fryer"));
        QVERIFY(createTopic(topic, kPartitions, {"--config", "cleanup.policy=delete"}));

        const auto described = rows(tool(kTopicCommand, {"--describe", "--topic", topic}).out);
        QCOMPARE(described.size(), 1 + kPartitions);
        const auto &head = described.first();
        QCOMPARE(head.mid(0, 2), (QStringList {"Topic:", topic}));
        QVERIFY(head.contains(QStringLiteral("PartitionCount:")));
        QCOMPARE(head[head.indexOf(QStringLiteral("PartitionCount:")) + 1],
            QString::number(kPartitions));
        QCOMPARE(head[head.indexOf(QStringLiteral("ReplicationFactor:")) + 1], QStringLiteral("1"));
        QVERIFY2(head.last().contains(QStringLiteral("cleanup.policy=delete")),
            qPrintable(head.join(' ')));
        for (int p = 0; p < kPartitions; ++p) {
            QCOMPARE(described[1 + p].mid(0, 10),
                (QStringList {"Topic:", topic, "Partition:", QString::number(p), "Leader:", "1",
                    "Replicas:", "1", "Isr:", "1"}));
        }

        const auto grown = tool(kTopicCommand, {"--alter", "--topic", topic, "--partitions", "5"});
        QVERIFY2(grown.exitCode == 0, grown.err.constData());
        QCOMPARE(rows(tool(kTopicCommand, {"--describe", "--topic", topic}).out).size(), 1 + 5);
        const auto shrunk = tool(kTopicCommand, {"--alter", "--topic", topic, "--partitions", "2"});
        QVERIFY(shrunk.exitCode != 0);

        const auto again = tool(kTopicCommand, {"--create", "--topic", topic, "--partitions", "1"});
        QVERIFY(again.exitCode != 0);
        QVERIFY2(again.out.contains("Error while executing topic command : ")
                && again.out.toLower().contains("already exists"),
            again.out.constData());

        QVERIFY(tool(kTopicCommand, {"--list"}).out.split('\n').contains(topic.toUtf8()));
        QCOMPARE(tool(kTopicCommand, {"--delete", "--topic", topic}).exitCode, 0);
        // Deletion is asynchronous on Kafka: the topic leaves the listing soon after.
        QTRY_VERIFY_WITH_TIMEOUT(
            !tool(kTopicCommand, {"--list"}).out.split('\n').contains(topic.toUtf8()),
            kGroupDeadlineMs);
    }

    void theConsoleToolsProduceAndConsumeKeyedRecords()
    {
        const auto topic = name(QStringLiteral("counter"));
        QVERIFY(createTopic(topic, 1));
        QVERIFY(produceKeyed(topic, "till-1:cod\ntill-2:plaice\ntill-1:chips\n"));
        const auto r = tool(kConsoleConsumer,
            {"--topic", topic, "--from-beginning", "--max-messages", "3", "--timeout-ms", "30000",
                "--formatter-property", "print.key=true", "--formatter-property",
                "print.offset=true", "--formatter-property", "key.separator=|"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(r.out.trimmed().split('\n'),
            (QList<QByteArray> {
                "Offset:0|till-1|cod", "Offset:1|till-2|plaice", "Offset:2|till-1|chips"}));
        QVERIFY2((r.out + r.err).contains("Processed a total of 3 messages"), r.err.constData());
    }

    void kafkaGetOffsetsTellsEarliestLatestAndNewest()
    {
        const auto topic = name(QStringLiteral("ready"));
        QVERIFY(createTopic(topic, kPartitions));
        QVERIFY(produceKeyed(topic, "a:1\nb:2\nc:3\nd:4\ne:5\n"));
        const auto latest = offsets(topic, QStringLiteral("-1"));
        QCOMPARE(latest.size(), kPartitions);
        int total = 0;
        for (const auto &line : latest) {
            const auto parts = line.split(QLatin1Char(':'));
            QCOMPARE(parts.size(), 3);
            QCOMPARE(parts[0], topic);
            total += parts[2].toInt();
        }
        QCOMPARE(total, 5);
        QCOMPARE(offsets(topic, QStringLiteral("earliest")),
            (QStringList {topic + ":0:0", topic + ":1:0", topic + ":2:0"}));
        // The record with the newest timestamp, one per partition that holds any: the first
        // of those sharing it, as records produced within a millisecond do.
        QStringList holding;
        for (const auto &line : latest) {
            if (!line.endsWith(QStringLiteral(":0"))) {
                holding << line.section(QLatin1Char(':'), 0, 1);
            }
        }
        const auto newest = offsets(topic, QStringLiteral("max-timestamp"));
        QStringList listed;
        for (const auto &line : newest) {
            listed << line.section(QLatin1Char(':'), 0, 1);
            const auto end = latest.filter(QRegularExpression(
                QLatin1Char('^') + QRegularExpression::escape(listed.last() + QLatin1Char(':'))));
            QCOMPARE(end.size(), 1);
            const auto offset = line.section(QLatin1Char(':'), 2).toInt();
            QVERIFY2(offset >= 0 && offset < end.first().section(QLatin1Char(':'), 2).toInt(),
                qPrintable(line));
        }
        QCOMPARE(listed, holding);
    }

    void kafkaConfigsDescribesAndAltersATopic()
    {
        const auto topic = name(QStringLiteral("cook"));
        QVERIFY(createTopic(topic, 1, {"--config", "retention.ms=3600000"}));
        const auto before = tool(
            kConfigCommand, {"--entity-type", "topics", "--entity-name", topic, "--describe"});
        QVERIFY2(before.exitCode == 0, before.err.constData());
        QVERIFY2(before.out.contains("Dynamic configs for topic " + topic.toUtf8() + " are:"),
            before.out.constData());
        QVERIFY2(before.out.contains("  retention.ms=3600000 sensitive=false "
                                     "synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=3600000"),
            before.out.constData());

        const auto altered = tool(kConfigCommand,
            {"--entity-type", "topics", "--entity-name", topic, "--alter", "--add-config",
                "retention.ms=7200000,max.message.bytes=65536"});
        QVERIFY2(
            altered.out.contains("Completed updating config for topic " + topic.toUtf8() + "."),
            altered.out.constData());
        const auto removed = tool(kConfigCommand,
            {"--entity-type", "topics", "--entity-name", topic, "--alter", "--delete-config",
                "retention.ms"});
        QVERIFY2(removed.exitCode == 0, removed.err.constData());

        const auto after = tool(
            kConfigCommand, {"--entity-type", "topics", "--entity-name", topic, "--describe"});
        const auto lines
            = QString::fromUtf8(after.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines[1].startsWith(
                     QStringLiteral("  max.message.bytes=65536 sensitive=false "
                                    "synonyms={DYNAMIC_TOPIC_CONFIG:max.message.bytes=65536")),
            qPrintable(lines[1]));

        const auto bad = tool(kConfigCommand,
            {"--entity-type", "topics", "--entity-name", topic, "--alter", "--add-config",
                "retention.ms=soon"});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains("InvalidConfigurationException"), bad.err.constData());

        const auto broker = tool(kConfigCommand,
            {"--entity-type", "brokers", "--entity-name", "1", "--describe", "--all"});
        QVERIFY2(broker.out.contains("All configs for broker 1 are:"), broker.out.constData());
        QVERIFY2(broker.out.contains("  auto.create.topics.enable=true sensitive=false"),
            broker.out.constData());
    }

    void kafkaConsumerGroupsDescribesMembersOffsetsAndLag()
    {
        const auto topic = name(QStringLiteral("queue"));
        const auto group = name(QStringLiteral("fryers"));
        QVERIFY(createTopic(topic, 2));
        QVERIFY(produceKeyed(topic, "a:1\nb:2\nc:3\nd:4\n"));
        // Reads two records in the group and commits them as it stops.
        const auto consumed = tool(kConsoleConsumer,
            {"--topic", topic, "--group", group, "--from-beginning", "--max-messages", "2",
                "--timeout-ms", "30000"});
        QVERIFY2(consumed.exitCode == 0, consumed.err.constData());

        const auto described = tool(kGroupCommand, {"--describe", "--group", group});
        QVERIFY2(described.exitCode == 0, described.err.constData());
        QVERIFY2(described.err.contains(
                     "Consumer group '" + group.toUtf8() + "' has no active members."),
            described.err.constData());
        const auto table = rows(described.out);
        const QStringList header {"GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET",
            "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID"};
        const auto headerAt = table.indexOf(header);
        QVERIFY2(headerAt >= 0, described.out.constData());
        int committed = 0;
        int lag = 0;
        int end = 0;
        for (int i = headerAt + 1; i < table.size(); ++i) {
            const auto &row = table[i];
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row.mid(0, 2), (QStringList {group, topic}));
            QCOMPARE(row.mid(6), (QStringList {"-", "-", "-"}));
            QCOMPARE(row[3].toInt() + row[5].toInt(), row[4].toInt());
            committed += row[3].toInt();
            end += row[4].toInt();
            lag += row[5].toInt();
        }
        QCOMPARE(end, 4);
        QCOMPARE(committed, 2);
        QCOMPARE(lag, 2);

        QProcess member;
        member.start(QStringLiteral("kcat"),
            {"-b", m_cluster->bootstrap(), "-G", group, topic, "-q", "-X", "client.id=counter-1"});
        QVERIFY(member.waitForStarted());
        const auto stableWithOne = [&] {
            const auto r
                = rows(tool(kGroupCommand, {"--describe", "--group", group, "--state"}).out);
            return r.size() == 2 && r[1].size() == 6 && r[1][4] == QStringLiteral("Stable")
                && r[1][5] == QStringLiteral("1");
        };
        QTRY_VERIFY_WITH_TIMEOUT(stableWithOne(), kGroupDeadlineMs);
        const auto state
            = rows(tool(kGroupCommand, {"--describe", "--group", group, "--state"}).out);
        QCOMPARE(state[0],
            (QStringList {
                "GROUP", "COORDINATOR", "(ID)", "ASSIGNMENT-STRATEGY", "STATE", "#MEMBERS"}));
        QCOMPARE(state[1][0], group);
        QCOMPARE(state[1][1], m_cluster->bootstrap());
        QCOMPARE(state[1][2], QStringLiteral("(1)"));
        QCOMPARE(state[1][3], QStringLiteral("range"));

        const auto members
            = rows(tool(kGroupCommand, {"--describe", "--group", group, "--members"}).out);
        QCOMPARE(members.size(), 2);
        QCOMPARE(
            members[0], (QStringList {"GROUP", "CONSUMER-ID", "HOST", "CLIENT-ID", "#PARTITIONS"}));
        QCOMPARE(members[1][0], group);
        QVERIFY(members[1][1].startsWith(QStringLiteral("counter-1-")));
        QCOMPARE(members[1].mid(2), (QStringList {"/127.0.0.1", "counter-1", "2"}));

        QVERIFY(tool(kGroupCommand, {"--list"}).out.split('\n').contains(group.toUtf8()));
        const auto busy = tool(kGroupCommand, {"--delete", "--group", group});
        QVERIFY2(busy.out.contains("* Group '" + group.toUtf8()
                     + "' could not be deleted due to: "
                       "org.apache.kafka.common.errors.GroupNotEmptyException"),
            busy.out.constData());
        member.terminate();
        QVERIFY(member.waitForFinished());
    }

    void kafkaConsumerGroupsResetsOffsetsAndDeletesTheGroup()
    {
        const auto topic = name(QStringLiteral("hot-food"));
        const auto group = name(QStringLiteral("counters"));
        QVERIFY(createTopic(topic, 1));
        QVERIFY(produceKeyed(topic, "a:1\nb:2\nc:3\n"));
        const auto reset = tool(kGroupCommand,
            {"--reset-offsets", "--group", group, "--topic", topic, "--to-offset", "1",
                "--execute"});
        QVERIFY2(reset.exitCode == 0, reset.err.constData());
        const auto plan = rows(reset.out);
        QCOMPARE(plan.size(), 2);
        QCOMPARE(plan[0], (QStringList {"GROUP", "TOPIC", "PARTITION", "NEW-OFFSET"}));
        QCOMPARE(plan[1], (QStringList {group, topic, "0", "1"}));

        const auto described = rows(tool(kGroupCommand, {"--describe", "--group", group}).out);
        QCOMPARE(described.last().mid(0, 6), (QStringList {group, topic, "0", "1", "3", "2"}));

        const auto toLatest = tool(kGroupCommand,
            {"--reset-offsets", "--group", group, "--all-topics", "--to-latest", "--execute"});
        QCOMPARE(rows(toLatest.out).last(), (QStringList {group, topic, "0", "3"}));

        const auto deleted = tool(kGroupCommand, {"--delete", "--group", group});
        QVERIFY2(deleted.out.contains("Deletion of requested consumer groups ('" + group.toUtf8()
                     + "') was successful."),
            deleted.out.constData());
        QVERIFY(!tool(kGroupCommand, {"--list"}).out.split('\n').contains(group.toUtf8()));
    }
};

QTEST_GUILESS_MAIN(TestKafkaTools)
#include "tst_kafkatools.moc"
