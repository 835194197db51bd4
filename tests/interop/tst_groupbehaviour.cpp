#include "broker_fixture.h"
#include "rdkafka_admin.h"
#include "rdkafka_log_clients.h"
#include "real_servers.h"

#include <QFile>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTest>

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <set>

using namespace chippy::test;

namespace {

constexpr int kFirstPartitions = 4;
constexpr int kGrownPartitions = 6;
constexpr int kFirstRecordsPerPartition = 10;
constexpr int kLaterRecordsPerPartition = 2;
constexpr int kStepDeadlineMs = 90000;
constexpr int kProduceTimeoutMs = 30000;
constexpr int kStopTimeoutMs = 30000;

enum class Client { Java, Librdkafka };
enum class Server { Embedded, ApacheKafka };

QString describe(Client client, Server server)
{
    return QStringLiteral("%1 on %2")
        .arg(client == Client::Java ? "the Java client" : "librdkafka",
            server == Server::Embedded ? "chippy-broker" : "Apache Kafka");
}

// One member process: the Java client (java/GroupMember.java) or librdkafka
// (group_member_main.cpp), which speak the same lines.
class Member
{
public:
    Member(Client client, const QString &bootstrap, const QString &group, const QString &topic,
        const QString &clientId)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&m_process, &QProcess::readyReadStandardOutput, [this] { readLines(); });
        const QStringList args {bootstrap, group, topic, clientId};
        if (client == Client::Java) {
            const auto jars = QProcessEnvironment::systemEnvironment().value(
                                  QStringLiteral("CHIPPY_SERVERS_DIR"))
                + QStringLiteral("/jars/kafka/*");
            m_process.start(QStringLiteral("java"),
                QStringList {"-Xmx128m", "-cp",
                    QStringLiteral(CHIPPY_GROUP_JAVA_CLASSES) + QLatin1Char(':') + jars,
                    "GroupMember"}
                    + args);
        } else {
            m_process.start(QStringLiteral(CHIPPY_GROUP_RDKAFKA_MEMBER), args);
        }
    }

    ~Member()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(kStopTimeoutMs);
        }
    }

    bool started() { return m_process.waitForStarted(); }
    bool running() const { return m_process.state() == QProcess::Running; }
    // Partitions held, or nullopt before the first assignment.
    const std::optional<std::set<int>> &assignment() const { return m_assignment; }
    int commits() const { return m_commits; }
    const QStringList &failures() const { return m_failures; }
    // The offset after the last record consumed from each partition.
    const std::map<int, std::int64_t> &consumedUpTo() const { return m_consumedUpTo; }

    void send(const QByteArray &command) { m_process.write(command + '\n'); }
    // SIGKILL: the member leaves no word, the coordinator notices when its session expires.
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(kStopTimeoutMs);
    }
    bool closed() const { return m_closed && m_process.state() == QProcess::NotRunning; }

private:
    void readLines()
    {
        while (m_process.canReadLine()) {
            const auto line = QString::fromUtf8(m_process.readLine()).trimmed();
            const auto words = line.split(QLatin1Char(' '));
            if (words[0] == QLatin1String("assigned") && words.size() == 2) {
                std::set<int> held;
                if (words[1] != QLatin1String("-")) {
                    for (const auto &p : words[1].split(QLatin1Char(','))) {
                        held.insert(p.toInt());
                    }
                }
                m_assignment = held;
            } else if (words[0] == QLatin1String("consumed") && words.size() == 3) {
                auto &upTo = m_consumedUpTo[words[1].toInt()];
                upTo = std::max(upTo, std::int64_t(words[2].toLongLong()) + 1);
            } else if (words[0] == QLatin1String("committed")) {
                ++m_commits;
            } else if (words[0] == QLatin1String("closed")) {
                m_closed = true;
            } else {
                m_failures << line;
            }
        }
    }

    QProcess m_process;
    std::optional<std::set<int>> m_assignment;
    std::map<int, std::int64_t> m_consumedUpTo;
    QStringList m_failures;
    int m_commits = 0;
    bool m_closed = false;
};

// "[0,1] [2] [3]": who holds what, without who; the members in the order of their partitions.
QString normalised(const std::vector<std::set<int>> &assignments)
{
    std::vector<std::set<int>> sorted = assignments;
    std::sort(sorted.begin(), sorted.end());
    QStringList parts;
    for (const auto &held : sorted) {
        QStringList ps;
        for (int p : held) {
            ps << QString::number(p);
        }
        parts << QLatin1Char('[') + ps.join(QLatin1Char(',')) + QLatin1Char(']');
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

// The same consumer-group script with the Java client (the reference) and with librdkafka,
// on chippy-broker and on Apache Kafka: three members join one by one, one is killed, the
// topic grows, offsets are committed. The assignment after each step, the committed offsets
// and the lag must end the same in all four.
class TestGroupBehaviour : public QObject
{
    Q_OBJECT

private:
    QMap<QString, QStringList> m_outcomes;

    // Each living member holds something, none the same partition, together all of them.
    static bool settled(const std::vector<Member *> &members, int partitions)
    {
        std::set<int> seen;
        std::size_t total = 0;
        for (auto *m : members) {
            if (!m->assignment() || m->assignment()->empty()) {
                return false;
            }
            total += m->assignment()->size();
            seen.insert(m->assignment()->begin(), m->assignment()->end());
        }
        return total == std::size_t(partitions) && seen.size() == total
            && *seen.rbegin() == partitions - 1;
    }

    static QString generation(const std::vector<Member *> &members)
    {
        std::vector<std::set<int>> held;
        for (auto *m : members) {
            held.push_back(*m->assignment());
        }
        return normalised(held);
    }

    // Every record up to each partition's end has been consumed by some member.
    static bool consumedUpTo(const std::vector<std::unique_ptr<Member>> &all, int partitions,
        const std::map<int, std::int64_t> &ends)
    {
        for (int p = 0; p < partitions; ++p) {
            std::int64_t upTo = 0;
            for (const auto &m : all) {
                const auto it = m->consumedUpTo().find(p);
                if (it != m->consumedUpTo().end()) {
                    upTo = std::max(upTo, it->second);
                }
            }
            if (upTo < ends.at(p)) {
                return false;
            }
        }
        return true;
    }

    // Produces `each` records to every partition and returns the partitions' new ends.
    static bool produceToEach(const std::string &bootstrap, const std::string &topic,
        int partitions, int each, std::map<int, std::int64_t> &ends)
    {
        std::vector<Delivery> deliveries;
        std::string error;
        auto producer = makeProducer({{"bootstrap.servers", bootstrap}}, deliveries, error);
        if (!producer) {
            qWarning("producer: %s", error.c_str());
            return false;
        }
        std::int64_t index = 0;
        for (int p = 0; p < partitions; ++p) {
            for (int i = 0; i < each; ++i, ++index) {
                const auto value = "order " + std::to_string(index);
                if (rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                        RD_KAFKA_V_PARTITION(p),
                        RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
                        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)) {
                    return false;
                }
            }
            ends[p] += each;
        }
        if (rd_kafka_flush(producer.get(), kProduceTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR) {
            return false;
        }
        for (const auto &d : deliveries) {
            if (d.error != RD_KAFKA_RESP_ERR_NO_ERROR) {
                return false;
            }
        }
        return deliveries.size() == std::size_t(partitions * each);
    }

    // "committed 0:12 1:12 ..." and "lag 0:1 1:1 ...", read by a consumer that does not join.
    static QStringList committedAndLag(
        const std::string &bootstrap, const std::string &group, const std::string &topic)
    {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[512];
        rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), errstr, sizeof errstr);
        rd_kafka_conf_set(conf, "group.id", group.c_str(), errstr, sizeof errstr);
        RdKafkaHandle reader(rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr));
        if (!reader) {
            return {QStringLiteral("no reader: ") + QString::fromUtf8(errstr)};
        }
        auto *list = rd_kafka_topic_partition_list_new(kGrownPartitions);
        for (int p = 0; p < kGrownPartitions; ++p) {
            rd_kafka_topic_partition_list_add(list, topic.c_str(), p);
        }
        const auto err = rd_kafka_committed(reader.get(), list, kProduceTimeoutMs);
        QStringList committed {QStringLiteral("committed")};
        QStringList lag {QStringLiteral("lag")};
        for (int i = 0; !err && i < list->cnt; ++i) {
            const auto &e = list->elems[i];
            std::int64_t low = -1;
            std::int64_t high = -1;
            rd_kafka_query_watermark_offsets(
                reader.get(), topic.c_str(), e.partition, &low, &high, kProduceTimeoutMs);
            committed << QStringLiteral("%1:%2").arg(e.partition).arg(e.offset);
            lag << QStringLiteral("%1:%2")
                       .arg(e.partition)
                       .arg(e.offset >= 0 ? high - e.offset : -1);
        }
        rd_kafka_topic_partition_list_destroy(list);
        rd_kafka_consumer_close(reader.get());
        if (err) {
            return {QStringLiteral("committed offsets not read: ") + rd_kafka_err2str(err)};
        }
        return {committed.join(QLatin1Char(' ')), lag.join(QLatin1Char(' '))};
    }

    // Runs the script; the outcome is one line per step and two for the offsets.
    void runScript(
        Client client, const QString &bootstrap, const QString &suffix, QStringList &outcome)
    {
        const auto topic = QStringLiteral("orders-") + suffix;
        const auto group = QStringLiteral("fryers-") + suffix;
        const auto bootstrapStd = bootstrap.toStdString();
        const auto topicStd = topic.toStdString();
        RdKafkaAdmin admin(bootstrapStd);
        const auto created = admin.createTopic(topicStd, kFirstPartitions, 1);
        QVERIFY2(created.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(created.message));
        std::map<int, std::int64_t> ends;
        QVERIFY(produceToEach(
            bootstrapStd, topicStd, kFirstPartitions, kFirstRecordsPerPartition, ends));

        std::vector<std::unique_ptr<Member>> all;
        std::vector<Member *> living;
        const auto step = [&](const QString &what, int partitions) {
            QTRY_VERIFY_WITH_TIMEOUT(settled(living, partitions), kStepDeadlineMs);
            outcome << what + QStringLiteral(": ") + generation(living);
        };
        const auto commitAll = [&](int partitions) {
            QTRY_VERIFY_WITH_TIMEOUT(consumedUpTo(all, partitions, ends), kStepDeadlineMs);
            for (auto *m : living) {
                const auto before = m->commits();
                m->send("commit");
                QTRY_VERIFY_WITH_TIMEOUT(
                    m->commits() > before || !m->failures().isEmpty(), kStepDeadlineMs);
                QVERIFY2(m->failures().isEmpty(), qPrintable(m->failures().join('\n')));
            }
        };

        for (const auto *name : {"a", "b", "c"}) {
            all.push_back(std::make_unique<Member>(
                client, bootstrap, group, topic, QStringLiteral("fryer-") + QLatin1String(name)));
            QVERIFY(all.back()->started());
            living.push_back(all.back().get());
            step(QStringLiteral("%1 joined").arg(living.size()), kFirstPartitions);
            if (QTest::currentTestFailed()) {
                return;
            }
        }
        commitAll(kFirstPartitions);
        if (QTest::currentTestFailed()) {
            return;
        }

        living.back()->kill();
        living.pop_back();
        step(QStringLiteral("one killed"), kFirstPartitions);
        if (QTest::currentTestFailed()) {
            return;
        }

        const auto grown = admin.createPartitions(topicStd, kGrownPartitions);
        QVERIFY2(grown.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(grown.message));
        step(QStringLiteral("partitions added"), kGrownPartitions);
        if (QTest::currentTestFailed()) {
            return;
        }

        QVERIFY(produceToEach(
            bootstrapStd, topicStd, kGrownPartitions, kLaterRecordsPerPartition, ends));
        commitAll(kGrownPartitions);
        if (QTest::currentTestFailed()) {
            return;
        }
        for (auto *m : living) {
            m->send("close");
        }
        for (auto *m : living) {
            QTRY_VERIFY_WITH_TIMEOUT(m->closed(), kStepDeadlineMs);
        }
        // Left behind: one record on each partition that nobody has read.
        QVERIFY(produceToEach(bootstrapStd, topicStd, kGrownPartitions, 1, ends));
        outcome << committedAndLag(bootstrapStd, group.toStdString(), topicStd);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("java")).isEmpty(),
            "no java on PATH: run packaging/install-deps.sh");
        QVERIFY2(QFile::exists(QStringLiteral(CHIPPY_GROUP_JAVA_CLASSES "/GroupMember.class")),
            "GroupMember.class was not built: CMake found no javac or no Kafka jars; run "
            "packaging/install-deps.sh and configure again");
    }

    void theScriptEndsAsExpected_data()
    {
        QTest::addColumn<Client>("client");
        QTest::addColumn<Server>("server");
        for (auto server : {Server::Embedded, Server::ApacheKafka}) {
            for (auto client : {Client::Java, Client::Librdkafka}) {
                QTest::newRow(qPrintable(describe(client, server))) << client << server;
            }
        }
    }

    void theScriptEndsAsExpected()
    {
        QFETCH(Client, client);
        QFETCH(Server, server);
        std::unique_ptr<BrokerFixture> embedded;
        QString bootstrap;
        const auto suffix = QString::number(QRandomGenerator::global()->generate(), 36);
        if (server == Server::Embedded) {
            chippy::broker::BrokerConfig config;
            config.groupInitialRebalanceDelayMs = 0;
            embedded = std::make_unique<BrokerFixture>(false, config);
            bootstrap = embedded->bootstrap();
        } else {
            const auto kafka = realKafka();
            QVERIFY2(kafka.running(), qPrintable(kafka.error));
            bootstrap = kafka.bootstrap;
        }
        QStringList outcome;
        runScript(client, bootstrap, suffix, outcome);
        if (QTest::currentTestFailed()) {
            return;
        }
        // Range assignment: members sorted by id take consecutive partitions, the first ones
        // one more when the count does not divide.
        const QStringList expected {
            "1 joined: [0,1,2,3]",
            "2 joined: [0,1] [2,3]",
            "3 joined: [0,1] [2] [3]",
            "one killed: [0,1] [2,3]",
            "partitions added: [0,1,2] [3,4,5]",
            "committed 0:12 1:12 2:12 3:12 4:2 5:2",
            "lag 0:1 1:1 2:1 3:1 4:1 5:1",
        };
        QCOMPARE(outcome, expected);
        m_outcomes.insert(describe(client, server), outcome);
    }

    void allFourEndAlike()
    {
        QCOMPARE(m_outcomes.size(), 4);
        const auto reference = m_outcomes.value(describe(Client::Java, Server::ApacheKafka));
        for (auto it = m_outcomes.cbegin(); it != m_outcomes.cend(); ++it) {
            QVERIFY2(it.value() == reference, qPrintable(it.key() + ": " + it.value().join(" | ")));
        }
    }
};

QTEST_GUILESS_MAIN(TestGroupBehaviour)
#include "tst_groupbehaviour.moc"
