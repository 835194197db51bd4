#include "broker_fixture.h"
#include "group_member.h"
#include "groups/group_coordinator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace chippy::test;
using namespace chippy::broker;

namespace {

constexpr int kBrokerStartDeadlineMs = 15000;

QString offsetLogPath(const QString &dataDir)
{
    return dataDir + "/__consumer_offsets.log";
}

} // namespace

// Committed offsets over TCP: generation checks, standalone commits, fetching chosen or all
// partitions of one or more groups, and keeping them on disk across restarts and crashes.
class TestGroupOffsets : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BrokerFixture> m_broker;

    quint16 port() const { return m_broker->broker().port(); }

    std::unique_ptr<GroupMemberClient> member(const std::string &groupId = "fryers")
    {
        return std::make_unique<GroupMemberClient>(port(), groupId);
    }

private slots:
    void init()
    {
        m_broker = std::make_unique<BrokerFixture>(false, groupTestConfig());
        QVERIFY(createTopic(port(), "fish"));
    }

    void cleanup() { m_broker.reset(); }

    void offsetCommitsAreCheckedAgainstMemberAndGeneration()
    {
        auto m = member();
        QVERIFY(m->fetchMemberId());
        m->sendJoin();
        QVERIFY(m->receiveJoin());
        CommitParams p {"fryers", m->generation, m->memberId, {{"fish", {{0, 5}}}}};
        // Joined but not yet synced: there is no assignment to commit for.
        QCOMPARE(errorAt(commitOffsets(m->wire, p), "fish", 0), kRebalanceInProgress);
        m->sendSync({{m->memberId, assignment({{"fish", {0, 1, 2, 3}}})}});
        QCOMPARE(m->receiveSync().error, kNone);

        QCOMPARE(errorAt(commitOffsets(m->wire, p), "fish", 0), kNone);
        QCOMPARE(errorAt(commitOffsets(m->wire, p, 8), "fish", 0), kNone);
        QCOMPARE(errorAt(commitOffsets(m->wire, p, 2), "fish", 0), kNone);

        CommitParams stale = p;
        stale.generationId = m->generation - 1;
        QCOMPARE(errorAt(commitOffsets(m->wire, stale), "fish", 0), kIllegalGeneration);
        CommitParams stranger = p;
        stranger.memberId = "someone-else";
        QCOMPARE(errorAt(commitOffsets(m->wire, stranger), "fish", 0), kUnknownMemberId);
        CommitParams outsider = p;
        outsider.generationId = -1;
        outsider.memberId.clear();
        QCOMPARE(errorAt(commitOffsets(m->wire, outsider), "fish", 0), kUnknownMemberId);

        CommitParams mixed = p;
        mixed.offsets = {{"fish", {{1, 3}, {99, 1}}}, {"no-such-topic", {{0, 1}}}};
        const auto errors = commitOffsets(m->wire, mixed);
        QCOMPARE(errorAt(errors, "fish", 1), kNone);
        QCOMPARE(errorAt(errors, "fish", 99), kUnknownTopicOrPartition);
        QCOMPARE(errorAt(errors, "no-such-topic", 0), kUnknownTopicOrPartition);

        CommitParams wordy = p;
        wordy.metadata = std::string(5000, 'x');
        QCOMPARE(errorAt(commitOffsets(m->wire, wordy), "fish", 0), kOffsetMetadataTooLarge);

        CommitParams late = p;
        late.groupId = "never-joined";
        QCOMPARE(errorAt(commitOffsets(m->wire, late), "fish", 0), kIllegalGeneration);
    }

    void aStandaloneConsumerCommitsWithoutJoining()
    {
        PipelinedWireClient wire(port());
        CommitParams p {"accountant", -1, "", {{"fish", {{0, 11}, {3, 4}}}}, std::nullopt};
        QCOMPARE(errorAt(commitOffsets(wire, p, 1), "fish", 0), kNone);
        QCOMPARE(errorAt(commitOffsets(wire, p, 0), "fish", 3), kNone);
        const auto offsets = fetchAllOffsets(port(), "accountant");
        QCOMPARE(offsets.size(), std::size_t(2));
        QCOMPARE(partitionAt(offsets, "fish", 0).offset, 11);
        QCOMPARE(partitionAt(offsets, "fish", 3).offset, 4);
        QCOMPARE(partitionAt(offsets, "fish", 3).metadata, std::optional<std::string>(""));
        QCOMPARE(describeGroup(port(), "accountant").state, std::string("Empty"));
    }

    void offsetFetchAnswersChosenPartitionsAllPartitionsAndSeveralGroups()
    {
        PipelinedWireClient wire(port());
        CommitParams p {"counters", -1, "", {{"fish", {{0, 42}, {2, 7}}}}};
        QCOMPARE(errorAt(commitOffsets(wire, p, 8), "fish", 2), kNone);
        CommitParams q {"cooks", -1, "", {{"fish", {{1, 3}}}}};
        QCOMPARE(errorAt(commitOffsets(wire, q, 8), "fish", 1), kNone);

        const TopicPartitionList chosen {{"fish", {0, 1}}};
        for (const std::int16_t v : {1, 5, 6}) {
            const auto reply
                = wire.call(ApiKey::OffsetFetch, v, offsetFetchRequest(v, {{"counters", chosen}}));
            QVERIFY(reply);
            const auto offsets = parseOffsetFetch(v, *reply, "counters")["counters"];
            QCOMPARE(offsets.size(), std::size_t(2));
            QCOMPARE(partitionAt(offsets, "fish", 0).offset, 42);
            QCOMPARE(partitionAt(offsets, "fish", 0).metadata, std::optional<std::string>("fish"));
            QCOMPARE(partitionAt(offsets, "fish", 0).error, kNone);
            QCOMPARE(partitionAt(offsets, "fish", 1).offset, -1);
            if (v >= 5) {
                QCOMPARE(partitionAt(offsets, "fish", 0).leaderEpoch, 7);
            }
        }
        const auto all = fetchAllOffsets(port(), "counters");
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(partitionAt(all, "fish", 2).offset, 7);

        const auto reply = wire.call(ApiKey::OffsetFetch, 8,
            offsetFetchRequest(
                8, {{"counters", std::nullopt}, {"cooks", chosen}, {"strangers", std::nullopt}}));
        QVERIFY(reply);
        const auto groups = parseOffsetFetch(8, *reply);
        QCOMPARE(groups.size(), std::size_t(3));
        QCOMPARE(groups.at("counters").size(), std::size_t(2));
        QCOMPARE(partitionAt(groups.at("cooks"), "fish", 1).offset, 3);
        QCOMPARE(partitionAt(groups.at("cooks"), "fish", 0).offset, -1);
        QVERIFY(groups.at("strangers").empty());
    }

    void offsetsOfADeletedTopicAreForgottenAlsoAfterARestart()
    {
        // Driven directly: the DeleteTopics handler calls this hook.
        QTemporaryDir dir;
        BrokerConfig c = groupTestConfig();
        c.dataDir = dir.path().toStdString();
        asio::io_context io;
        const auto commitBoth = [](GroupCoordinator &coordinator) {
            OffsetCommitRequest commit;
            commit.groupId = "stockist";
            commit.partitions = {{"cod", 0, 5, -1, {}}, {"plaice", 0, 9, -1, {}}};
            return coordinator.commitOffsets(commit);
        };
        {
            GroupCoordinator coordinator(io, c);
            QCOMPARE(commitBoth(coordinator),
                (std::vector<ErrorCode> {ErrorCode::None, ErrorCode::None}));
            coordinator.onTopicDeleted("cod");
            const auto left = coordinator.fetchOffsets("stockist", std::nullopt);
            QCOMPARE(left.size(), std::size_t(1));
            QCOMPARE(left[0].topic, std::string("plaice"));
        }
        {
            GroupCoordinator reopened(io, c);
            const auto left = reopened.fetchOffsets("stockist", std::nullopt);
            QCOMPARE(left.size(), std::size_t(1));
            QCOMPARE(left[0].offset, 9);
            reopened.onTopicDeleted("plaice");
            QVERIFY(!reopened.find("stockist"));
        }
        GroupCoordinator empty(io, c);
        QVERIFY(empty.groups().empty());
    }

    void committedOffsetsSurviveARestartAndATornTail()
    {
        m_broker = std::make_unique<BrokerFixture>(true, groupTestConfig());
        QVERIFY(createTopic(port(), "fish"));
        {
            PipelinedWireClient wire(port());
            CommitParams p {"counters", -1, "", {{"fish", {{0, 100}, {1, 200}}}}};
            QCOMPARE(errorAt(commitOffsets(wire, p), "fish", 1), kNone);
            p.offsets = {{"fish", {{0, 150}}}};
            QCOMPARE(errorAt(commitOffsets(wire, p), "fish", 0), kNone);
        }
        m_broker->restart();
        auto offsets = fetchAllOffsets(port(), "counters");
        QCOMPARE(offsets.size(), std::size_t(2));
        QCOMPARE(partitionAt(offsets, "fish", 0).offset, 150);
        QCOMPARE(partitionAt(offsets, "fish", 1).offset, 200);

        // A crash in the middle of writing a record leaves part of it behind.
        m_broker->broker().stop();
        QFile log(offsetLogPath(m_broker->dataDir()));
        QVERIFY(log.open(QIODevice::Append));
        log.write(QByteArray::fromHex("0000004a1234"));
        log.close();
        m_broker->restart();
        offsets = fetchAllOffsets(port(), "counters");
        QCOMPARE(partitionAt(offsets, "fish", 0).offset, 150);
        PipelinedWireClient wire(port());
        CommitParams p {"counters", -1, "", {{"fish", {{2, 300}}}}};
        QCOMPARE(errorAt(commitOffsets(wire, p), "fish", 2), kNone);
        m_broker->restart();
        offsets = fetchAllOffsets(port(), "counters");
        QCOMPARE(offsets.size(), std::size_t(3));
        QCOMPARE(partitionAt(offsets, "fish", 2).offset, 300);
    }

    void aKilledBrokerStillHasItsCommittedOffsets()
    {
        const QString program = QProcessEnvironment::systemEnvironment().value("CHIPPY_BROKER_BIN");
        QVERIFY2(!program.isEmpty(), "CHIPPY_BROKER_BIN is not set");
        QTemporaryDir dataDir;
        const auto startBroker = [&](QProcess &process) -> quint16 {
            process.start(program,
                {"--listen", "127.0.0.1:0", "--data-dir", dataDir.path(), "--partitions", "4",
                    "--log-level", "warn"});
            const QRegularExpression listening("listening on 127\\.0\\.0\\.1:(\\d+)");
            QByteArray out;
            QElapsedTimer waited;
            waited.start();
            while (waited.elapsed() < kBrokerStartDeadlineMs
                && process.state() != QProcess::NotRunning) {
                process.waitForReadyRead(kBrokerStartDeadlineMs);
                out += process.readAllStandardOutput();
                if (const auto m = listening.match(out); m.hasMatch()) {
                    return static_cast<quint16>(m.captured(1).toUInt());
                }
            }
            return 0;
        };

        QProcess first;
        const quint16 firstPort = startBroker(first);
        QVERIFY(firstPort != 0);
        QVERIFY(createTopic(firstPort, "orders"));
        {
            PipelinedWireClient wire(firstPort);
            CommitParams p {"preparers", -1, "", {{"orders", {{0, 17}, {3, 23}}}}};
            QCOMPARE(errorAt(commitOffsets(wire, p), "orders", 3), kNone);
        }
        first.kill(); // SIGKILL: nothing is flushed or closed on the way out
        QVERIFY(first.waitForFinished());

        QProcess second;
        const quint16 secondPort = startBroker(second);
        QVERIFY(secondPort != 0);
        const auto offsets = fetchAllOffsets(secondPort, "preparers");
        second.kill();
        second.waitForFinished();
        QCOMPARE(offsets.size(), std::size_t(2));
        QCOMPARE(partitionAt(offsets, "orders", 0).offset, 17);
        QCOMPARE(partitionAt(offsets, "orders", 3).offset, 23);
    }

    void theOffsetLogIsCompactedAsItGrows()
    {
        constexpr int kPartitions = 100;
        constexpr int kRounds = 120;
        BrokerConfig c = groupTestConfig();
        c.defaultPartitions = kPartitions;
        m_broker = std::make_unique<BrokerFixture>(true, c);
        QVERIFY(createTopic(port(), "orders"));
        PipelinedWireClient wire(port());
        const auto commitRound = [&](int round) {
            CommitParams p {"statistician", -1, "", {}};
            for (int i = 0; i < kPartitions; ++i) {
                p.offsets["orders"].emplace_back(i, round * 1000 + i);
            }
            return commitOffsets(wire, p, 8).size() == static_cast<std::size_t>(kPartitions);
        };
        QVERIFY(commitRound(0));
        const qint64 oneRound = QFileInfo(offsetLogPath(m_broker->dataDir())).size();
        QVERIFY(oneRound > 0);
        for (int round = 1; round < kRounds; ++round) {
            QVERIFY(commitRound(round));
        }
        const qint64 size = QFileInfo(offsetLogPath(m_broker->dataDir())).size();
        QVERIFY2(size < oneRound * kRounds / 2,
            qPrintable(
                QString("%1 bytes after %2 rounds of %3").arg(size).arg(kRounds).arg(oneRound)));

        m_broker->restart();
        const auto offsets = fetchAllOffsets(port(), "statistician");
        QCOMPARE(offsets.size(), std::size_t(kPartitions));
        QCOMPARE(partitionAt(offsets, "orders", 42).offset, (kRounds - 1) * 1000 + 42);
    }
};

QTEST_GUILESS_MAIN(TestGroupOffsets)
#include "tst_groupoffsets.moc"
