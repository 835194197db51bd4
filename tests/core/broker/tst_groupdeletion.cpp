#include "broker_fixture.h"
#include "group_member.h"
#include "wire_client.h"

#include <QTest>

#include <map>
#include <memory>
#include <utility>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr std::int16_t kGroupIdNotFound = 69;
constexpr std::int16_t kNonEmptyGroup = 68;
constexpr std::int16_t kGroupSubscribedToTopic = 86;
constexpr std::int16_t kFirstFlexibleDeleteGroups = 2;

using GroupErrors = std::vector<std::pair<std::string, std::int16_t>>;

struct OffsetDeleteReply
{
    std::int16_t error = -1;
    CommitErrors partitions;
};

GroupErrors deleteGroups(quint16 port, const std::vector<std::string> &groups, std::int16_t v)
{
    const bool flexible = v >= kFirstFlexibleDeleteGroups;
    Writer w(flexible);
    w.arrayLength(groups.size());
    for (const auto &g : groups) {
        w.string(g);
    }
    w.tags();
    WireClient wire;
    GroupErrors errors;
    if (!wire.connectTo(port)) {
        return errors;
    }
    const auto reply = wire.call(ApiKey::DeleteGroups, v, std::move(w));
    if (!reply) {
        return errors;
    }
    Reader r(*reply, flexible);
    r.i32(); // throttle time
    r.forEach([&] {
        auto id = r.string();
        errors.emplace_back(std::move(id), r.i16());
        r.skipTags();
    });
    r.skipTags();
    return r.atEnd() ? errors : GroupErrors {};
}

std::int16_t deleteGroup(quint16 port, const std::string &group, std::int16_t v = 2)
{
    const auto errors = deleteGroups(port, {group}, v);
    return errors.size() == 1 && errors.front().first == group ? errors.front().second : -1;
}

OffsetDeleteReply deleteOffsets(quint16 port, const std::string &group,
    const std::map<std::string, std::vector<std::int32_t>> &partitions)
{
    Writer w;
    w.string(group);
    w.arrayLength(partitions.size());
    for (const auto &[topic, indexes] : partitions) {
        w.string(topic);
        w.arrayLength(indexes.size());
        for (const auto index : indexes) {
            w.i32(index);
        }
    }
    PipelinedWireClient wire(port);
    const auto reply = wire.call(ApiKey::OffsetDelete, 0, std::move(w));
    OffsetDeleteReply answer;
    if (!reply) {
        return answer;
    }
    Reader r(*reply);
    answer.error = r.i16();
    r.i32(); // throttle time
    r.forEach([&] {
        const auto topic = r.string();
        r.forEach([&] {
            const auto partition = r.i32();
            answer.partitions[{topic, partition}] = r.i16();
        });
    });
    if (!r.atEnd()) {
        answer.error = -1;
    }
    return answer;
}

} // namespace

// DeleteGroups and OffsetDelete over TCP: what may be deleted, what is refused, and that
// deleted offsets stay deleted across a restart.
class TestGroupDeletion : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BrokerFixture> m_broker;

    quint16 port() const { return m_broker->broker().port(); }

    void commit(const std::string &group,
        const std::map<std::string, std::vector<std::pair<std::int32_t, std::int64_t>>> &offsets)
    {
        PipelinedWireClient wire(port());
        CommitParams p {group, -1, "", offsets};
        for (const auto &[partition, error] : commitOffsets(wire, p)) {
            QCOMPARE(error, kNone);
        }
    }

    // A consumer group of one member, subscribed to "fish", stable.
    std::unique_ptr<GroupMemberClient> stableMember(const std::string &group)
    {
        auto m = std::make_unique<GroupMemberClient>(port(), group);
        if (!m->fetchMemberId()) {
            return nullptr;
        }
        m->sendJoin();
        if (!m->receiveJoin()) {
            return nullptr;
        }
        m->sendSync({{m->memberId, assignment({{"fish", {0, 1, 2, 3}}})}});
        return m->receiveSync().error == kNone ? std::move(m) : nullptr;
    }

private slots:
    void init()
    {
        m_broker = std::make_unique<BrokerFixture>(true, groupTestConfig());
        QVERIFY(createTopic(port(), "fish"));
        QVERIFY(createTopic(port(), "chips"));
    }

    void cleanup() { m_broker.reset(); }

    void anEmptyGroupIsDeletedWithItsOffsets_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("v0") << 0;
        QTest::newRow("v1") << 1;
        QTest::newRow("v2 flexible") << 2;
    }

    void anEmptyGroupIsDeletedWithItsOffsets()
    {
        QFETCH(int, version);
        commit("accountant", {{"fish", {{0, 11}, {3, 4}}}});
        QCOMPARE(fetchAllOffsets(port(), "accountant").size(), std::size_t(2));

        QCOMPARE(deleteGroup(port(), "accountant", std::int16_t(version)), kNone);
        QVERIFY(fetchAllOffsets(port(), "accountant").empty());
        QCOMPARE(describeGroup(port(), "accountant").state, std::string("Dead"));
        QCOMPARE(deleteGroup(port(), "accountant", std::int16_t(version)), kGroupIdNotFound);
    }

    void eachNamedGroupIsAnsweredOnce()
    {
        commit("accountant", {{"fish", {{0, 1}}}});
        const auto errors = deleteGroups(port(), {"nobody", "accountant", "nobody"}, 2);
        const GroupErrors expected {{"nobody", kGroupIdNotFound}, {"accountant", kNone}};
        QCOMPARE(errors, expected);
    }

    void aGroupWithMembersIsNotDeleted()
    {
        auto member = stableMember("fryers");
        QVERIFY(member);
        CommitParams p {"fryers", member->generation, member->memberId, {{"fish", {{1, 7}}}}};
        QCOMPARE(errorAt(commitOffsets(member->wire, p), "fish", 1), kNone);

        QCOMPARE(deleteGroup(port(), "fryers"), kNonEmptyGroup);
        QCOMPARE(describeGroup(port(), "fryers").state, std::string("Stable"));
        QCOMPARE(partitionAt(fetchAllOffsets(port(), "fryers"), "fish", 1).offset, 7);
    }

    void deletedOffsetsStayDeletedAfterARestart()
    {
        commit("accountant", {{"fish", {{0, 11}}}});
        commit("cashier", {{"fish", {{0, 5}, {1, 6}}}});
        QCOMPARE(deleteGroup(port(), "accountant"), kNone);
        QCOMPARE(deleteOffsets(port(), "cashier", {{"fish", {0}}}).error, kNone);

        m_broker->restart();
        QVERIFY(fetchAllOffsets(port(), "accountant").empty());
        const auto cashier = fetchAllOffsets(port(), "cashier");
        QCOMPARE(cashier.size(), std::size_t(1));
        QCOMPARE(partitionAt(cashier, "fish", 1).offset, 6);
    }

    void offsetDeleteForgetsChosenPartitionsOfAnEmptyGroup()
    {
        commit("accountant", {{"fish", {{0, 11}, {3, 4}}}, {"chips", {{0, 2}}}});
        const auto reply
            = deleteOffsets(port(), "accountant", {{"fish", {0, 2, 99}}, {"no-such-topic", {0}}});
        QCOMPARE(reply.error, kNone);
        QCOMPARE(errorAt(reply.partitions, "fish", 0), kNone);
        QCOMPARE(errorAt(reply.partitions, "fish", 2), kNone); // nothing was committed there
        QCOMPARE(errorAt(reply.partitions, "fish", 99), kUnknownTopicOrPartition);
        QCOMPARE(errorAt(reply.partitions, "no-such-topic", 0), kUnknownTopicOrPartition);

        const auto left = fetchAllOffsets(port(), "accountant");
        QCOMPARE(left.size(), std::size_t(2));
        QCOMPARE(partitionAt(left, "fish", 3).offset, 4);
        QCOMPARE(partitionAt(left, "chips", 0).offset, 2);
    }

    void offsetDeleteRefusesTopicsTheGroupReads()
    {
        auto member = stableMember("fryers");
        QVERIFY(member);
        CommitParams p {"fryers", member->generation, member->memberId,
            {{"fish", {{0, 3}}}, {"chips", {{0, 9}}}}};
        QCOMPARE(errorAt(commitOffsets(member->wire, p), "chips", 0), kNone);

        const auto reply = deleteOffsets(port(), "fryers", {{"fish", {0}}, {"chips", {0}}});
        QCOMPARE(reply.error, kNone);
        QCOMPARE(errorAt(reply.partitions, "fish", 0), kGroupSubscribedToTopic);
        QCOMPARE(errorAt(reply.partitions, "chips", 0), kNone);
        const auto left = fetchAllOffsets(port(), "fryers");
        QCOMPARE(left.size(), std::size_t(1));
        QCOMPARE(partitionAt(left, "fish", 0).offset, 3);
    }

    void offsetDeleteAnswersForTheWholeGroupWhenItCannot()
    {
        const auto unknown = deleteOffsets(port(), "nobody", {{"fish", {0}}});
        QCOMPARE(unknown.error, kGroupIdNotFound);
        QVERIFY(unknown.partitions.empty());
        QCOMPARE(deleteOffsets(port(), "", {{"fish", {0}}}).error, kInvalidGroupId);
    }
};

QTEST_GUILESS_MAIN(TestGroupDeletion)
#include "tst_groupdeletion.moc"
