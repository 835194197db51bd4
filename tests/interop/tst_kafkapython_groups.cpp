#include "process_runner.h"
#include "test_cluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <memory>
#include <set>

using namespace chippy::test;

namespace {

constexpr int kScriptTimeoutMs = 90000;
constexpr int kGroupDeadlineMs = 45000;
constexpr int kPartitions = 4;
constexpr int kRecords = 40;

QString scriptPath(const QString &name)
{
    return QStringLiteral(CHIPPY_INTEROP_PYTHON_DIR) + "/" + name;
}

// Runs a script; suffix goes after every topic and group name it makes.
QJsonObject runScript(
    const QString &name, const QString &bootstrap, const QString &suffix, QString &failure)
{
    const auto r
        = runProcess(systemPython(), {scriptPath(name), bootstrap, suffix}, {}, kScriptTimeoutMs);
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

QJsonArray sortedStrings(QStringList values)
{
    values.sort();
    return QJsonArray::fromStringList(values);
}

QStringList numbered(const QString &prefix, int count)
{
    QStringList out;
    for (int i = 0; i < count; ++i) {
        out << prefix + QString::number(i);
    }
    return out;
}

// A kcat -G consumer: what it printed, and the partitions of its latest assignment.
class KcatMember
{
public:
    void start(const QString &bootstrap, const QString &group, const QString &topic)
    {
        m_process.start("kcat",
            {"-b", bootstrap, "-u", "-f", "%p %s\\n", "-X", "heartbeat.interval.ms=250", "-X",
                "auto.offset.reset=earliest", "-G", group, topic});
    }

    bool started() { return m_process.waitForStarted(); }

    // Reads what arrived; call it while waiting.
    void collect()
    {
        m_err += m_process.readAllStandardError();
        m_out += m_process.readAllStandardOutput();
    }

    std::set<int> assignedPartitions() const
    {
        // "% Group g rebalanced (memberid ...): assigned: READY [0], READY [1]"
        const auto at = m_err.lastIndexOf("rebalanced");
        std::set<int> partitions;
        if (at < 0) {
            return partitions;
        }
        const QString line = QString::fromUtf8(m_err.mid(at, m_err.indexOf('\n', at) - at));
        if (!line.contains("assigned:")) {
            return partitions;
        }
        static const QRegularExpression partition("\\[(\\d+)\\]");
        for (const auto &m : partition.globalMatch(line)) {
            partitions.insert(m.captured(1).toInt());
        }
        return partitions;
    }

    // (partition, value) per consumed record.
    QList<QPair<int, QString>> records() const
    {
        QList<QPair<int, QString>> out;
        for (const auto &line : m_out.split('\n')) {
            const auto space = line.indexOf(' ');
            if (space > 0) {
                out.append({line.left(space).toInt(), QString::fromUtf8(line.mid(space + 1))});
            }
        }
        return out;
    }

    bool stop()
    {
        m_process.terminate(); // kcat leaves the group and commits on SIGTERM
        return m_process.waitForFinished();
    }

private:
    QProcess m_process;
    QByteArray m_err;
    QByteArray m_out;
};

} // namespace

// kafka-python 2.0.2 consumers and admin client, and kcat -G, in groups of the embedded
// broker and (tst_kafkapython_groups_on_kafka) Apache Kafka. What the clients see is checked
// on both; the group's state inside the broker on the embedded one only.
class TestKafkaPythonGroups : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestCluster> m_cluster;

    QJsonObject run(const QString &script, QString &failure)
    {
        return runScript(script, m_cluster->bootstrap(), m_cluster->name({}), failure);
    }

    const chippy::broker::BrokerSnapshot::Group *findGroup(
        const chippy::broker::BrokerSnapshot &s, const std::string &groupId)
    {
        for (const auto &g : s.groups) {
            if (g.groupId == groupId) {
                return &g;
            }
        }
        return nullptr;
    }

    bool groupIsEmptyWithoutLag(const std::string &groupId, std::size_t partitions)
    {
        const auto s = m_cluster->embedded()->broker().snapshot();
        const auto *g = findGroup(s, groupId);
        if (!g || g->state != "Empty" || g->offsets.size() != partitions) {
            return false;
        }
        for (const auto &o : g->offsets) {
            if (o.lag != 0) {
                return false;
            }
        }
        return true;
    }

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.defaultPartitions = kPartitions;
        // As the Apache Kafka of the tests: a new group's first rebalance starts at once.
        config.groupInitialRebalanceDelayMs = 0;
        m_cluster = std::make_unique<TestCluster>(config);
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
    }

    void cleanup() { m_cluster.reset(); }

    void aConsumerCommitsAndTheAdminClientSeesTheGroupAndItsOffsets()
    {
        QString failure;
        const auto steps = run("groups_consume_commit.py", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        QCOMPARE(steps["first_consumed"].toArray(), sortedStrings(numbered("cod ", 30)));
        const auto consuming = steps["while_consuming"].toObject();
        QCOMPARE(consuming["state"].toString(), QStringLiteral("Stable"));
        QCOMPARE(consuming["protocol_type"].toString(), QStringLiteral("consumer"));
        QCOMPARE(consuming["protocol"].toString(), QStringLiteral("range"));
        const auto members = consuming["members"].toArray();
        QCOMPARE(members.size(), 1);
        QCOMPARE(members[0]["client_id"].toString(), QStringLiteral("fryer-1"));
        QCOMPARE(members[0]["client_host"].toString(), QStringLiteral("/127.0.0.1"));
        QCOMPARE(members[0]["partitions"].toArray(), QJsonArray({0, 1, 2}));

        QJsonArray listed;
        listed.append(QJsonArray {"preparers", "consumer"});
        QCOMPARE(steps["listed"].toArray(), listed);
        const auto closed = steps["after_close"].toObject();
        QCOMPARE(closed["state"].toString(), QStringLiteral("Empty"));
        QVERIFY(closed["members"].toArray().isEmpty());
        QCOMPARE(steps["committed"].toObject(), QJsonObject({{"0", 10}, {"1", 10}, {"2", 10}}));

        // The second consumer starts where the first committed: the new records only.
        QCOMPARE(steps["second_consumed"].toArray(), sortedStrings(numbered("chips ", 12)));
        QCOMPARE(
            steps["second_committed"].toObject(), QJsonObject({{"0", 14}, {"1", 14}, {"2", 14}}));
    }

    void theAdminClientDeletesAGroupAndItsOffsets()
    {
        QString failure;
        const auto steps = run("groups_delete.py", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(steps["committed"].toObject(), QJsonObject({{"0", 5}, {"1", 7}}));
        QCOMPARE(steps["deleted"].toArray(),
            QJsonArray({QJsonArray({"accountants", "NoError"}),
                QJsonArray({"nobody", "GroupIdNotFoundError"})}));
        QVERIFY(steps["committed_after"].toObject().isEmpty());
    }

    void twoConsumersShareThePartitionsAndSplitTheRecords()
    {
        QString failure;
        const auto result = run("groups_balance.py", failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        const auto assigned = result["assigned"].toArray();
        QCOMPARE(assigned.size(), 2);
        std::set<int> all;
        for (const auto &a : assigned) {
            QCOMPARE(a.toArray().size(), kPartitions / 2);
            for (const auto &p : a.toArray()) {
                all.insert(p.toInt());
            }
        }
        QCOMPARE(all, (std::set<int> {0, 1, 2, 3}));

        QStringList consumed;
        for (const auto &perConsumer : result["consumed"].toArray()) {
            QVERIFY(!perConsumer.toArray().isEmpty());
            for (const auto &v : perConsumer.toArray()) {
                consumed << v.toString();
            }
        }
        QCOMPARE(sortedStrings(consumed), sortedStrings(numbered("order ", kRecords)));
    }

    void kcatConsumersBalanceTheGroupAndSplitTheRecords()
    {
        const auto topic = m_cluster->name("READY");
        const auto group = m_cluster->name("counters");
        const auto created = runProcess(systemPython(),
            {scriptPath("groups_create_topic.py"), m_cluster->bootstrap(), topic,
                QString::number(kPartitions)},
            {}, kScriptTimeoutMs);
        QVERIFY2(created.exitCode == 0, created.err.constData());

        KcatMember first;
        KcatMember second;
        first.start(m_cluster->bootstrap(), group, topic);
        second.start(m_cluster->bootstrap(), group, topic);
        QVERIFY(first.started());
        QVERIFY(second.started());
        QTRY_VERIFY_WITH_TIMEOUT((first.collect(), second.collect(),
                                     first.assignedPartitions().size() == kPartitions / 2
                                         && second.assignedPartitions().size() == kPartitions / 2),
            kGroupDeadlineMs);
        std::set<int> both = first.assignedPartitions();
        both.merge(second.assignedPartitions());
        QCOMPARE(both, (std::set<int> {0, 1, 2, 3}));

        QByteArray input;
        for (int i = 0; i < kRecords; ++i) {
            input += "queue " + QByteArray::number(i) + ":order " + QByteArray::number(i) + "\n";
        }
        QCOMPARE(runProcess("kcat", {"-b", m_cluster->bootstrap(), "-P", "-t", topic, "-K:"}, input)
                     .exitCode,
            0);
        QTRY_COMPARE_WITH_TIMEOUT(
            (first.collect(), second.collect(), first.records().size() + second.records().size()),
            qsizetype(kRecords), kGroupDeadlineMs);

        QStringList values;
        for (KcatMember *member : {&first, &second}) {
            const auto mine = member->assignedPartitions();
            QVERIFY(!member->records().isEmpty());
            for (const auto &[partition, value] : member->records()) {
                QVERIFY2(mine.contains(partition), qPrintable(value));
                values << value;
            }
        }
        QCOMPARE(sortedStrings(values), sortedStrings(numbered("order ", kRecords)));

        QVERIFY(first.stop());
        QVERIFY(second.stop());
        if (m_cluster->embedded()) {
            QTRY_VERIFY_WITH_TIMEOUT(
                groupIsEmptyWithoutLag(group.toStdString(), kPartitions), kGroupDeadlineMs);
        }
    }
};

QTEST_GUILESS_MAIN(TestKafkaPythonGroups)
#include "tst_kafkapython_groups.moc"
