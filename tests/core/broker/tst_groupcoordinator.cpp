#include "broker_fixture.h"
#include "group_member.h"
#include "groups/group_coordinator.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

using namespace chippy::test;
using namespace chippy::broker;

namespace {

constexpr int kShortSessionMs = 500;
constexpr int kExpiryDeadlineMs = 15000;

using Members = std::vector<std::unique_ptr<GroupMemberClient>>;

} // namespace

// The group coordinator driven over TCP with hand-written requests: finding it, joining,
// syncing, heartbeats, expiry, leaving, static members, describing and listing groups.
class TestGroupCoordinator : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BrokerFixture> m_broker;

    quint16 port() const { return m_broker->broker().port(); }

    std::unique_ptr<GroupMemberClient> member(
        const std::string &groupId = "fryers", std::optional<std::string> instanceId = std::nullopt)
    {
        return std::make_unique<GroupMemberClient>(port(), groupId, std::move(instanceId));
    }

    // Brings members into one stable generation the way clients do: each newcomer joins and
    // everyone already there rejoins; the leader then hands out one partition each.
    void formGroup(Members &members)
    {
        for (std::size_t i = 0; i < members.size(); ++i) {
            auto &newcomer = *members[i];
            if (!newcomer.instanceId) {
                QVERIFY(newcomer.fetchMemberId());
            }
            newcomer.sendJoin();
            for (std::size_t k = 0; k < i; ++k) {
                // As clients do: rejoin once a heartbeat reports the rebalance.
                QTRY_COMPARE_WITH_TIMEOUT(members[k]->heartbeat(), kRebalanceInProgress,
                    PipelinedWireClient::kReplyTimeoutMs);
                members[k]->sendJoin();
            }
            for (std::size_t k = 0; k <= i; ++k) {
                QVERIFY(members[k]->receiveJoin());
                QCOMPARE(members[k]->joined.error, kNone);
                QCOMPARE(members[k]->generation, members[0]->generation);
            }
        }
        syncAll(members);
    }

    void syncAll(Members &members)
    {
        GroupMemberClient *leader = nullptr;
        for (auto &m : members) {
            if (m->isLeader()) {
                leader = m.get();
            } else {
                m->sendSync();
            }
        }
        QVERIFY(leader);
        std::vector<std::pair<std::string, Bytes>> assignments;
        for (std::size_t i = 0; i < members.size(); ++i) {
            assignments.emplace_back(
                members[i]->memberId, assignment({{"fish", {static_cast<std::int32_t>(i)}}}));
        }
        leader->sendSync(assignments);
        for (std::size_t i = 0; i < members.size(); ++i) {
            const auto s = members[i]->receiveSync();
            QCOMPARE(s.error, kNone);
            QCOMPARE(s.assignment, assignments[i].second);
        }
    }

private slots:
    void init()
    {
        m_broker = std::make_unique<BrokerFixture>(false, groupTestConfig());
        QVERIFY(createTopic(port(), "fish"));
    }

    void cleanup() { m_broker.reset(); }

    void findCoordinatorNamesThisBrokerForEveryKey()
    {
        PipelinedWireClient wire(port());
        for (const std::int16_t v : {0, 2}) {
            const auto reply
                = wire.call(ApiKey::FindCoordinator, v, findCoordinatorRequest(v, {"fryers"}));
            QVERIFY(reply);
            const auto c = parseFindCoordinator(v, *reply);
            QCOMPARE(c.size(), std::size_t(1));
            QCOMPARE(c[0].error, kNone);
            QCOMPARE(c[0].nodeId, 1);
            QCOMPARE(c[0].host, std::string("127.0.0.1"));
            QCOMPARE(c[0].port, static_cast<std::int32_t>(port()));
        }
        const auto batch = wire.call(
            ApiKey::FindCoordinator, 4, findCoordinatorRequest(4, {"fryers", "counters"}));
        QVERIFY(batch);
        const auto all = parseFindCoordinator(4, *batch);
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[1].key, std::string("counters"));
        QCOMPARE(all[1].error, kNone);
        QCOMPARE(all[1].port, static_cast<std::int32_t>(port()));

        const auto badType
            = wire.call(ApiKey::FindCoordinator, 2, findCoordinatorRequest(2, {"x"}, 7));
        QVERIFY(badType);
        QCOMPARE(parseFindCoordinator(2, *badType)[0].error, kInvalidRequest);
    }

    void aNewMemberIsToldItsIdAndJoinsWithIt()
    {
        auto m = member();
        QVERIFY(m->fetchMemberId());
        QVERIFY(m->memberId.starts_with("group-test-"));
        m->sendJoin();
        QVERIFY(m->receiveJoin());
        QCOMPARE(m->joined.error, kNone);
        QCOMPARE(m->generation, 1);
        QCOMPARE(m->joined.protocolName, std::optional<std::string>("range"));
        QVERIFY(m->isLeader());
        QCOMPARE(m->joined.members.size(), std::size_t(1));
        QCOMPARE(m->joined.members[0].second, subscription({"fish"}));

        // Before v4 the coordinator names the member in the same round trip.
        auto old = member("old-clients");
        old->sendJoin(3);
        QVERIFY(old->receiveJoin());
        QCOMPARE(old->joined.error, kNone);
        QVERIFY(!old->memberId.empty());
        QCOMPARE(old->generation, 1);
    }

    void joinsAreRefusedForBadIdsTimeoutsAndProtocols()
    {
        auto m = member("");
        m->sendJoin();
        QVERIFY(m->receiveJoin());
        QCOMPARE(m->joined.error, kInvalidGroupId);

        auto impatient = member();
        impatient->sessionTimeoutMs = 10;
        impatient->sendJoin();
        QVERIFY(impatient->receiveJoin());
        QCOMPARE(impatient->joined.error, kInvalidSessionTimeout);

        auto stranger = member();
        stranger->memberId = "nobody";
        stranger->sendJoin();
        QVERIFY(stranger->receiveJoin());
        QCOMPARE(stranger->joined.error, kUnknownMemberId);

        Members group;
        group.push_back(member());
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        PipelinedWireClient other(port());
        JoinParams p = group[0]->joinParams();
        p.memberId.clear();
        p.protocols = {{"roundrobin", subscription({"fish"})}};
        const auto reply = other.call(ApiKey::JoinGroup, 5, joinGroupRequest(5, p));
        QVERIFY(reply);
        QCOMPARE(parseJoinGroup(5, *reply).error, kInconsistentGroupProtocol);
    }

    void joinAnswersWaitUntilEveryKnownMemberHasRejoined()
    {
        Members group;
        group.push_back(member());
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        GroupMemberClient &first = *group[0];
        QCOMPARE(first.generation, 1);

        auto second = member();
        QVERIFY(second->fetchMemberId());
        second->sendJoin();
        // The newcomer waits; the first member learns of the rebalance from its heartbeat.
        QTRY_COMPARE_WITH_TIMEOUT(
            first.heartbeat(), kRebalanceInProgress, PipelinedWireClient::kReplyTimeoutMs);
        first.sendJoin();
        QVERIFY(first.receiveJoin());
        QVERIFY(second->receiveJoin());
        QCOMPARE(first.joined.error, kNone);
        QCOMPARE(second->joined.error, kNone);
        QCOMPARE(first.generation, 2);
        QCOMPARE(second->generation, 2);
        QVERIFY(first.isLeader());
        QCOMPARE(second->joined.leaderId, first.memberId);
        QCOMPARE(first.joined.members.size(), std::size_t(2));
        QVERIFY(second->joined.members.empty());
    }

    void followersReceiveTheAssignmentTheLeaderSends()
    {
        Members group;
        group.push_back(member());
        group.push_back(member());
        group.push_back(member());
        // syncAll sends every follower's SyncGroup before the leader's: they must wait for it.
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        const auto described = describeGroups(port(), {"fryers"});
        QCOMPARE(described.size(), std::size_t(1));
        QCOMPARE(described[0].state, std::string("Stable"));
        QCOMPARE(described[0].members.size(), std::size_t(3));
        for (const auto &m : described[0].members) {
            QVERIFY(!m.assignment.empty());
        }
    }

    void heartbeatsReportGenerationMembershipAndRebalances()
    {
        Members group;
        group.push_back(member());
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        GroupMemberClient &m = *group[0];
        QCOMPARE(m.heartbeat(0), kNone);
        QCOMPARE(m.heartbeat(4), kNone);

        m.generation = 7;
        QCOMPARE(m.heartbeat(), kIllegalGeneration);
        m.generation = 1;
        const auto id = m.memberId;
        m.memberId = "someone-else";
        QCOMPARE(m.heartbeat(), kUnknownMemberId);
        m.memberId = id;
        m.groupId = "no-such-group";
        QCOMPARE(m.heartbeat(), kUnknownMemberId);
        m.groupId = "";
        QCOMPARE(m.heartbeat(), kInvalidGroupId);
        m.groupId = "fryers";

        auto newcomer = member();
        QVERIFY(newcomer->fetchMemberId());
        newcomer->sendJoin();
        QTRY_COMPARE_WITH_TIMEOUT(
            m.heartbeat(), kRebalanceInProgress, PipelinedWireClient::kReplyTimeoutMs);
    }

    void aMemberThatStopsHeartbeatingIsRemovedAfterItsSessionTimeout()
    {
        Members group;
        group.push_back(member());
        group.push_back(member());
        group[1]->sessionTimeoutMs = kShortSessionMs;
        QElapsedTimer sinceLastContact;
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        sinceLastContact.start();
        GroupMemberClient &survivor = *group[0];

        QTRY_COMPARE_WITH_TIMEOUT(survivor.heartbeat(), kRebalanceInProgress, kExpiryDeadlineMs);
        QVERIFY2(sinceLastContact.elapsed() >= kShortSessionMs,
            qPrintable(QString::number(sinceLastContact.elapsed())));
        survivor.sendJoin();
        QVERIFY(survivor.receiveJoin());
        QCOMPARE(survivor.joined.error, kNone);
        QCOMPARE(survivor.generation, 3);
        QVERIFY(survivor.isLeader());
        QCOMPARE(survivor.joined.members.size(), std::size_t(1));
        QCOMPARE(group[1]->heartbeat(), kUnknownMemberId);
    }

    void aMemberThatNeverSyncsIsRemovedAfterTheRebalanceTimeout()
    {
        auto m = member();
        m->rebalanceTimeoutMs = kShortSessionMs;
        QVERIFY(m->fetchMemberId());
        m->sendJoin();
        QVERIFY(m->receiveJoin());
        QCOMPARE(m->joined.error, kNone);
        // No SyncGroup, but heartbeats: still gone once the rebalance timeout passes.
        QTRY_COMPARE_WITH_TIMEOUT(m->heartbeat(), kUnknownMemberId, kExpiryDeadlineMs);
    }

    void leavingMembersAreRemovedAndTheOthersRebalance()
    {
        Members group;
        for (int i = 0; i < 3; ++i) {
            group.push_back(member());
        }
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        PipelinedWireClient wire(port());
        const auto batch = wire.call(ApiKey::LeaveGroup, 3,
            leaveGroupRequest(3, "fryers", {{group[2]->memberId, {}}, {"nobody", {}}}));
        QVERIFY(batch);
        const auto left = parseLeaveGroup(3, *batch);
        QCOMPARE(left.error, kNone);
        QCOMPARE(left.memberErrors, (std::vector<std::int16_t> {kNone, kUnknownMemberId}));

        const auto single = wire.call(
            ApiKey::LeaveGroup, 1, leaveGroupRequest(1, "fryers", {{group[1]->memberId, {}}}));
        QVERIFY(single);
        QCOMPARE(parseLeaveGroup(1, *single).error, kNone);
        const auto again = wire.call(
            ApiKey::LeaveGroup, 0, leaveGroupRequest(0, "fryers", {{group[1]->memberId, {}}}));
        QVERIFY(again);
        QCOMPARE(parseLeaveGroup(0, *again).error, kUnknownMemberId);

        GroupMemberClient &last = *group[0];
        QCOMPARE(last.heartbeat(), kRebalanceInProgress);
        last.sendJoin();
        QVERIFY(last.receiveJoin());
        QCOMPARE(last.joined.members.size(), std::size_t(1));
        QCOMPARE(describeGroup(port(), "fryers").state, std::string("CompletingRebalance"));
    }

    void theLastMemberLeavingEmptiesTheGroup()
    {
        Members group;
        group.push_back(member());
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        PipelinedWireClient wire(port());
        const auto reply = wire.call(
            ApiKey::LeaveGroup, 4, leaveGroupRequest(4, "fryers", {{group[0]->memberId, {}}}));
        QVERIFY(reply);
        QCOMPARE(parseLeaveGroup(4, *reply).memberErrors, std::vector<std::int16_t> {kNone});
        // Nothing committed, nobody left: the group is forgotten.
        QCOMPARE(describeGroup(port(), "fryers").state, std::string("Dead"));
    }

    void describeAndListShowStatesMembersAndOffsetOnlyGroups()
    {
        Members group;
        group.push_back(member());
        group.push_back(member());
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        PipelinedWireClient wire(port());
        CommitParams p {"stockist", -1, "", {{"fish", {{0, 1}}}}};
        QCOMPARE(errorAt(commitOffsets(wire, p), "fish", 0), kNone);

        const auto described = describeGroups(port(), {"fryers", "stockist", "nobody"});
        QCOMPARE(described.size(), std::size_t(3));
        const auto &fryers = described[0];
        QCOMPARE(fryers.error, kNone);
        QCOMPARE(fryers.state, std::string("Stable"));
        QCOMPARE(fryers.protocolType, std::string("consumer"));
        QCOMPARE(fryers.protocolData, std::string("range"));
        QCOMPARE(fryers.members.size(), std::size_t(2));
        for (const auto &m : fryers.members) {
            QCOMPARE(m.clientId, std::string("group-test"));
            QCOMPARE(m.clientHost, std::string("/127.0.0.1"));
            QCOMPARE(m.metadata, subscription({"fish"}));
        }
        QVERIFY(fryers.authorizedOperations > 0);
        QCOMPARE(described[1].state, std::string("Empty"));
        QCOMPARE(described[2].state, std::string("Dead"));
        QCOMPARE(describeGroup(port(), "fryers", 0).members.size(), std::size_t(2));

        std::int16_t error = -1;
        const auto everything = wire.call(ApiKey::ListGroups, 0, listGroupsRequest(0));
        QVERIFY(everything);
        const auto listed = parseListGroups(0, *everything, &error);
        QCOMPARE(error, kNone);
        QCOMPARE(listed.size(), std::size_t(2));

        const auto stable = wire.call(ApiKey::ListGroups, 4, listGroupsRequest(4, {"stable"}));
        QVERIFY(stable);
        const auto onlyStable = parseListGroups(4, *stable, &error);
        QCOMPARE(onlyStable.size(), std::size_t(1));
        QCOMPARE(onlyStable[0].groupId, std::string("fryers"));
        QCOMPARE(onlyStable[0].protocolType, std::string("consumer"));
        QCOMPARE(onlyStable[0].state, std::string("Stable"));

        const auto empty = wire.call(ApiKey::ListGroups, 4, listGroupsRequest(4, {"Empty"}));
        QVERIFY(empty);
        const auto onlyEmpty = parseListGroups(4, *empty, &error);
        QCOMPARE(onlyEmpty.size(), std::size_t(1));
        QCOMPARE(onlyEmpty[0].groupId, std::string("stockist"));
    }

    void aRestartedStaticMemberRejoinsAStableGroupWithoutARebalance()
    {
        Members group;
        group.push_back(member("fryers", "fryer-1"));
        group.push_back(member("fryers", "fryer-2"));
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        const std::int32_t leaderIndex = group[0]->isLeader() ? 0 : 1;
        GroupMemberClient &leader = *group[static_cast<std::size_t>(leaderIndex)];
        GroupMemberClient &follower = *group[static_cast<std::size_t>(1 - leaderIndex)];
        const std::int32_t generation = leader.generation;

        // The leader's process restarts: it joins again with no member id (v9).
        auto restarted = member("fryers", leader.instanceId);
        restarted->sendJoin(9);
        QVERIFY(restarted->receiveJoin());
        QCOMPARE(restarted->joined.error, kNone);
        QCOMPARE(restarted->generation, generation);
        QVERIFY(restarted->memberId != leader.memberId);
        QVERIFY(restarted->isLeader());
        QVERIFY(restarted->joined.skipAssignment);
        QCOMPARE(restarted->joined.members.size(), std::size_t(2));
        restarted->sendSync();
        const auto kept = restarted->receiveSync();
        QCOMPARE(kept.error, kNone);
        QCOMPARE(kept.assignment, assignment({{"fish", {leaderIndex}}}));

        QCOMPARE(follower.heartbeat(), kNone);
        QCOMPARE(leader.heartbeat(), kFencedInstanceId);

        // An older client restarting is not told it leads: it would assign for nothing.
        auto again = member("fryers", follower.instanceId);
        again->sendJoin(5);
        QVERIFY(again->receiveJoin());
        QCOMPARE(again->joined.error, kNone);
        QCOMPARE(again->generation, generation);
        QCOMPARE(again->joined.leaderId, restarted->memberId);
        QVERIFY(again->joined.members.empty());
        QCOMPARE(restarted->heartbeat(), kNone);
    }

    void aNewGroupWaitsTheInitialDelayForMoreMembers()
    {
        constexpr int kDelayMs = 1500;
        BrokerConfig c = groupTestConfig();
        c.groupInitialRebalanceDelayMs = kDelayMs;
        m_broker = std::make_unique<BrokerFixture>(false, c);
        QVERIFY(createTopic(port(), "fish"));
        auto first = member();
        auto second = member();
        QElapsedTimer waited;
        waited.start();
        first->sendJoin(3);
        second->sendJoin(3);
        QVERIFY(first->receiveJoin());
        QVERIFY(second->receiveJoin());
        QVERIFY2(waited.elapsed() >= kDelayMs, qPrintable(QString::number(waited.elapsed())));
        QCOMPARE(first->generation, 1);
        QCOMPARE(second->generation, 1);
        const auto leaderMembers
            = first->isLeader() ? first->joined.members.size() : second->joined.members.size();
        QCOMPARE(leaderMembers, std::size_t(2));
    }

    void answersOnAConnectionKeepRequestOrderWhileAJoinWaits()
    {
        Members group;
        group.push_back(member());
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        auto newcomer = member();
        QVERIFY(newcomer->fetchMemberId());
        newcomer->sendJoin();
        // Queued behind the waiting join on the same connection.
        newcomer->wire.send(ApiKey::FindCoordinator, 0, findCoordinatorRequest(0, {"fryers"}));
        QTRY_COMPARE_WITH_TIMEOUT(
            group[0]->heartbeat(), kRebalanceInProgress, PipelinedWireClient::kReplyTimeoutMs);
        group[0]->sendJoin();
        QVERIFY(newcomer->receiveJoin());
        QCOMPARE(newcomer->joined.error, kNone);
        const auto found = newcomer->wire.receive();
        QVERIFY(found);
        QCOMPARE(parseFindCoordinator(0, *found)[0].error, kNone);
        QVERIFY(group[0]->receiveJoin());
    }

    void addedPartitionsOfASubscribedTopicTriggerARebalance()
    {
        // Driven directly: the CreatePartitions handler calls this hook.
        asio::io_context io;
        const BrokerConfig c = groupTestConfig();
        GroupCoordinator coordinator(io, c);
        const auto joinAndSync = [&](const std::string &groupId, const std::string &topic) {
            JoinGroupRequest join;
            join.groupId = groupId;
            join.sessionTimeoutMs = 10000;
            join.rebalanceTimeoutMs = 5000;
            join.protocolType = "consumer";
            join.protocols = {{"range", subscription({topic})}};
            JoinGroupResult joined;
            coordinator.joinGroup(join, [&](const JoinGroupResult &r) { joined = r; });
            SyncGroupResult synced;
            coordinator.syncGroup({groupId, joined.generationId, joined.memberId, {}, {}, {}, {}},
                [&](const SyncGroupResult &r) { synced = r; });
            return HeartbeatRequest {groupId, joined.generationId, joined.memberId, {}};
        };
        const auto fishEater = joinAndSync("fryers", "fish");
        const auto chipEater = joinAndSync("counters", "chips");
        QCOMPARE(coordinator.heartbeat(fishEater), ErrorCode::None);

        coordinator.onPartitionsAdded("fish");
        QCOMPARE(coordinator.heartbeat(fishEater), ErrorCode::RebalanceInProgress);
        QCOMPARE(coordinator.heartbeat(chipEater), ErrorCode::None);
        QCOMPARE(coordinator.find("fryers")->state, GroupState::PreparingRebalance);
        QCOMPARE(coordinator.find("counters")->state, GroupState::Stable);
    }

    void createPartitionsRebalancesTheGroupsReadingTheTopic()
    {
        Members group;
        group.push_back(member());
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        PipelinedWireClient admin(port());
        QVERIFY(admin.call(
            ApiKey::CreatePartitions, 1, createPartitionsRequest(1, "fish", kTopicPartitions + 2)));
        QCOMPARE(group[0]->heartbeat(), kRebalanceInProgress);
    }

    void deleteTopicsRebalancesTheGroupsReadingItAndForgetsTheirOffsets()
    {
        QVERIFY(createTopic(port(), "chips"));
        Members group;
        group.push_back(member());
        formGroup(group);
        if (QTest::currentTestFailed()) {
            return;
        }
        auto &fryer = *group[0];
        const CommitParams commit {
            "fryers", fryer.generation, fryer.memberId, {{"fish", {{0, 7}}}, {"chips", {{0, 3}}}}};
        QCOMPARE(errorAt(commitOffsets(fryer.wire, commit), "fish", 0), kNone);

        PipelinedWireClient admin(port());
        const auto reply = admin.call(ApiKey::DeleteTopics, 1, deleteTopicsRequest(1, "fish"));
        QVERIFY(reply);
        QCOMPARE(parseDeleteTopics(1, *reply), kNone);

        QCOMPARE(fryer.heartbeat(), kRebalanceInProgress);
        const auto offsets = fetchAllOffsets(port(), "fryers");
        QCOMPARE(offsets.size(), std::size_t(1));
        QCOMPARE(partitionAt(offsets, "chips", 0).offset, 3);
    }
};

QTEST_GUILESS_MAIN(TestGroupCoordinator)
#include "tst_groupcoordinator.moc"
