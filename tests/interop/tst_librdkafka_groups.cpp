#include "rdkafka_group_member.h"
#include "test_cluster.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

using namespace chippy::test;

namespace {

constexpr int kPartitions = 6;
constexpr int kGroupDeadlineMs = 45000;
constexpr int kAdminTimeoutMs = 20000;
constexpr int kKilledSessionTimeoutMs = 6000; // Apache Kafka's group.min.session.timeout.ms
constexpr int kHeartbeatIntervalMs = 250;

struct RdKafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
using RdKafka = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;

struct EventDeleter
{
    void operator()(rd_kafka_event_t *e) const { rd_kafka_event_destroy(e); }
};
using AdminEvent = std::unique_ptr<rd_kafka_event_t, EventDeleter>;

struct QueueDeleter
{
    void operator()(rd_kafka_queue_t *q) const { rd_kafka_queue_destroy(q); }
};
using Queue = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;

RdKafka makeClient(const std::string &bootstrap)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), errstr, sizeof errstr);
    return RdKafka(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
}

// The admin result of the next event on the queue, which must be of the given type.
AdminEvent awaitResult(rd_kafka_queue_t *queue, rd_kafka_event_type_t type)
{
    AdminEvent event(rd_kafka_queue_poll(queue, kAdminTimeoutMs));
    if (!event || rd_kafka_event_type(event.get()) != type) {
        return nullptr;
    }
    return event;
}

std::set<TopicPartition> allPartitions(const std::string &topic, int count)
{
    std::set<TopicPartition> all;
    for (int p = 0; p < count; ++p) {
        all.emplace(topic, p);
    }
    return all;
}

using MemberList = std::vector<std::unique_ptr<RdKafkaGroupMember>>;

// Each member holds `each` partitions and together they hold every partition exactly once.
bool sharedEvenly(const MemberList &members, const std::set<TopicPartition> &all, std::size_t each)
{
    std::set<TopicPartition> seen;
    std::size_t total = 0;
    for (const auto &m : members) {
        const auto a = m->assignment();
        if (a.size() != each) {
            return false;
        }
        total += a.size();
        seen.insert(a.begin(), a.end());
    }
    return total == all.size() && seen == all;
}

} // namespace

// librdkafka 2.0.2 consumer groups against the embedded coordinator and
// (tst_librdkafka_groups_on_kafka) Apache Kafka's: sharing partitions, taking over from a
// member that leaves or dies, resuming from committed offsets, new partitions, and the admin
// API's view of groups.
class TestLibrdkafkaGroups : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestCluster> m_cluster;
    std::string kTopic;
    int m_clients = 0;

    // A group id, unique on the shared Apache Kafka.
    std::string group(const char *name) const { return m_cluster->name(name).toStdString(); }

    bool createTopic(rd_kafka_t *admin, const std::string &name, int partitions)
    {
        Queue queue(rd_kafka_queue_new(admin));
        char errstr[512];
        rd_kafka_NewTopic_t *topic
            = rd_kafka_NewTopic_new(name.c_str(), partitions, 1, errstr, sizeof errstr);
        rd_kafka_CreateTopics(admin, &topic, 1, nullptr, queue.get());
        rd_kafka_NewTopic_destroy(topic);
        const auto created = awaitResult(queue.get(), RD_KAFKA_EVENT_CREATETOPICS_RESULT);
        if (!created) {
            return false;
        }
        std::size_t count = 0;
        const auto **results = rd_kafka_CreateTopics_result_topics(
            rd_kafka_event_CreateTopics_result(created.get()), &count);
        return count == 1 && rd_kafka_topic_result_error(results[0]) == RD_KAFKA_RESP_ERR_NO_ERROR;
    }

    std::map<std::string, std::string> memberSettings(const std::string &groupId)
    {
        return {
            {"bootstrap.servers", m_cluster->bootstrapStd()},
            {"group.id", groupId},
            {"client.id", "preparer-" + std::to_string(++m_clients)},
            {"session.timeout.ms", "6000"},
            {"heartbeat.interval.ms", std::to_string(kHeartbeatIntervalMs)},
            {"auto.offset.reset", "earliest"},
            {"enable.auto.commit", "false"},
            {"topic.metadata.refresh.interval.ms", "1000"},
            {"log_level", "4"},
        };
    }

    std::unique_ptr<RdKafkaGroupMember> join(const std::string &groupId)
    {
        return join(groupId, kTopic);
    }

    std::unique_ptr<RdKafkaGroupMember> join(const std::string &groupId, const std::string &topic)
    {
        return std::make_unique<RdKafkaGroupMember>(
            memberSettings(groupId), std::vector<std::string> {topic});
    }

    // One record per value, spread over the partitions in turn; true once all are stored.
    bool produce(const std::string &topic, const std::vector<std::string> &values)
    {
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        char errstr[512];
        rd_kafka_conf_set(
            conf, "bootstrap.servers", m_cluster->bootstrapStd().c_str(), errstr, sizeof errstr);
        RdKafka producer(rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr));
        if (!producer) {
            return false;
        }
        for (std::size_t i = 0; i < values.size(); ++i) {
            const auto err = rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                RD_KAFKA_V_PARTITION(static_cast<std::int32_t>(i % kPartitions)),
                RD_KAFKA_V_VALUE(const_cast<char *>(values[i].data()), values[i].size()),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
            if (err) {
                return false;
            }
        }
        return rd_kafka_flush(producer.get(), kAdminTimeoutMs) == RD_KAFKA_RESP_ERR_NO_ERROR;
    }

    static std::vector<std::string> numbered(const std::string &prefix, int from, int to)
    {
        std::vector<std::string> out;
        for (int i = from; i < to; ++i) {
            out.push_back(prefix + std::to_string(i));
        }
        return out;
    }

    static const chippy::broker::BrokerSnapshot::Group *snapshotGroup(
        const chippy::broker::BrokerSnapshot &s, const std::string &groupId)
    {
        for (const auto &g : s.groups) {
            if (g.groupId == groupId) {
                return &g;
            }
        }
        return nullptr;
    }

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.groupInitialRebalanceDelayMs = 0;
        m_cluster = std::make_unique<TestCluster>(config);
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
        kTopic = m_cluster->name(QStringLiteral("orders")).toStdString();
        RdKafka admin = makeClient(m_cluster->bootstrapStd());
        QVERIFY(createTopic(admin.get(), kTopic, kPartitions));
        QVERIFY(produce(kTopic, numbered("cod ", 0, kPartitions)));
    }

    void cleanup() { m_cluster.reset(); }

    void threeMembersShareSixPartitionsAndTwoTakeOverWhenOneLeaves()
    {
        MemberList members;
        for (int i = 0; i < 3; ++i) {
            members.push_back(join(group("preparers")));
            QCOMPARE(members.back()->startError(), std::string());
        }
        const auto all = allPartitions(kTopic, kPartitions);
        QTRY_VERIFY_WITH_TIMEOUT(sharedEvenly(members, all, 2), kGroupDeadlineMs);

        // What the coordinator itself holds (the admin API's view is checked below).
        if (auto *embedded = m_cluster->embedded()) {
            const auto snapshot = embedded->broker().snapshot();
            const auto *stored = snapshotGroup(snapshot, group("preparers"));
            QVERIFY(stored);
            QCOMPARE(stored->state, std::string("Stable"));
            QCOMPARE(stored->protocolType, std::string("consumer"));
            QCOMPARE(stored->members.size(), std::size_t(3));
            for (const auto &m : stored->members) {
                QVERIFY(m.clientId.starts_with("preparer-"));
                QCOMPARE(m.host, std::string("/127.0.0.1"));
                QCOMPARE(m.assignment.at(kTopic).size(), std::size_t(2));
            }
        }

        members.back()->close();
        members.pop_back();
        QTRY_VERIFY_WITH_TIMEOUT(sharedEvenly(members, all, 3), kGroupDeadlineMs);
    }

    void aNewMemberResumesFromTheCommittedOffsetsWithoutRepeatsOrGaps()
    {
        constexpr int kFirstBatch = 60;
        constexpr int kSecondBatch = 30;
        QVERIFY(produce(kTopic, numbered("plaice ", 0, kFirstBatch)));
        const std::size_t firstTotal = kPartitions + kFirstBatch;

        auto first = join(group("counters"));
        QTRY_COMPARE_WITH_TIMEOUT(first->recordCount(), firstTotal, kGroupDeadlineMs);
        QCOMPARE(first->commit(), RD_KAFKA_RESP_ERR_NO_ERROR);
        first->close();

        if (auto *embedded = m_cluster->embedded()) {
            const auto snapshot = embedded->broker().snapshot();
            const auto *stored = snapshotGroup(snapshot, group("counters"));
            QVERIFY(stored);
            QCOMPARE(stored->offsets.size(), std::size_t(kPartitions));
            for (const auto &o : stored->offsets) {
                QCOMPARE(o.offset, std::int64_t(firstTotal / kPartitions));
                QCOMPARE(o.lag, std::int64_t(0));
            }
        }

        QVERIFY(produce(kTopic, numbered("chips ", 0, kSecondBatch)));
        auto second = join(group("counters"));
        QTRY_COMPARE_WITH_TIMEOUT(
            second->recordCount(), std::size_t(kSecondBatch), kGroupDeadlineMs);
        std::set<std::string> resumed;
        for (const auto &r : second->records()) {
            resumed.insert(r.value);
            QVERIFY2(r.offset >= std::int64_t(firstTotal / kPartitions), r.value.c_str());
        }
        const auto expected = numbered("chips ", 0, kSecondBatch);
        QCOMPARE(resumed, std::set<std::string>(expected.begin(), expected.end()));
    }

    void aKilledMemberIsExpelledAfterItsSessionTimeoutAndItsPartitionsMove()
    {
        MemberList members;
        members.push_back(join(group("cooks")));
        members.push_back(join(group("cooks")));
        const auto all = allPartitions(kTopic, kPartitions);
        QTRY_VERIFY_WITH_TIMEOUT(sharedEvenly(members, all, 3), kGroupDeadlineMs);

        // kcat is librdkafka too, in a process that can be killed without leaving the group.
        QProcess kcat;
        kcat.start("kcat",
            {"-b", m_cluster->bootstrap(), "-G", m_cluster->name("cooks"),
                QString::fromStdString(kTopic), "-q", "-X",
                "session.timeout.ms=" + QString::number(kKilledSessionTimeoutMs), "-X",
                "heartbeat.interval.ms=" + QString::number(kHeartbeatIntervalMs)});
        QVERIFY(kcat.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(
            members[0]->assignment().size() == 2 && members[1]->assignment().size() == 2,
            kGroupDeadlineMs);

        kcat.kill();
        QVERIFY(kcat.waitForFinished());
        QElapsedTimer sinceKill;
        sinceKill.start();
        QTRY_VERIFY_WITH_TIMEOUT(sharedEvenly(members, all, 3), kGroupDeadlineMs);
        qInfo("partitions of the killed member moved %lld ms after the kill", sinceKill.elapsed());
        QVERIFY(sinceKill.elapsed() >= kKilledSessionTimeoutMs - kHeartbeatIntervalMs);
    }

    void addedPartitionsAreAssignedAfterARebalance()
    {
        constexpr int kInitial = 4;
        RdKafka admin = makeClient(m_cluster->bootstrapStd());
        Queue queue(rd_kafka_queue_new(admin.get()));
        char errstr[512];
        const auto hotFood = m_cluster->name(QStringLiteral("hot-food")).toStdString();
        QVERIFY(createTopic(admin.get(), hotFood, kInitial));

        MemberList members;
        members.push_back(join(group("cooks"), hotFood));
        members.push_back(join(group("cooks"), hotFood));
        QTRY_VERIFY_WITH_TIMEOUT(
            sharedEvenly(members, allPartitions(hotFood, kInitial), 2), kGroupDeadlineMs);

        rd_kafka_NewPartitions_t *grow
            = rd_kafka_NewPartitions_new(hotFood.c_str(), kPartitions, errstr, sizeof errstr);
        rd_kafka_CreatePartitions(admin.get(), &grow, 1, nullptr, queue.get());
        rd_kafka_NewPartitions_destroy(grow);
        const auto grown = awaitResult(queue.get(), RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT);
        QVERIFY(grown);
        QCOMPARE(rd_kafka_event_error(grown.get()), RD_KAFKA_RESP_ERR_NO_ERROR);
        QTRY_VERIFY_WITH_TIMEOUT(
            sharedEvenly(members, allPartitions(hotFood, kPartitions), 3), kGroupDeadlineMs);
    }

    void theAdminApiListsDescribesAndReadsTheOffsetsOfTheGroup()
    {
        MemberList members;
        members.push_back(join(group("statistician")));
        members.push_back(join(group("statistician")));
        const auto all = allPartitions(kTopic, kPartitions);
        QTRY_VERIFY_WITH_TIMEOUT(sharedEvenly(members, all, 3), kGroupDeadlineMs);
        for (auto &m : members) {
            QTRY_COMPARE_WITH_TIMEOUT(
                m->recordCountSinceAssignment(), std::size_t(3), kGroupDeadlineMs);
            QCOMPARE(m->commit(), RD_KAFKA_RESP_ERR_NO_ERROR);
        }

        RdKafka admin = makeClient(m_cluster->bootstrapStd());
        Queue queue(rd_kafka_queue_new(admin.get()));
        rd_kafka_AdminOptions_t *options
            = rd_kafka_AdminOptions_new(admin.get(), RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS);
        const rd_kafka_consumer_group_state_t stable = RD_KAFKA_CONSUMER_GROUP_STATE_STABLE;
        QVERIFY(!rd_kafka_AdminOptions_set_match_consumer_group_states(options, &stable, 1));
        rd_kafka_ListConsumerGroups(admin.get(), options, queue.get());
        rd_kafka_AdminOptions_destroy(options);
        const auto listed = awaitResult(queue.get(), RD_KAFKA_EVENT_LISTCONSUMERGROUPS_RESULT);
        QVERIFY(listed);
        size_t count = 0;
        const auto **listings = rd_kafka_ListConsumerGroups_result_valid(
            rd_kafka_event_ListConsumerGroups_result(listed.get()), &count);
        // Apache Kafka is shared: other tests' groups may be listed beside this one.
        const auto statistician = group("statistician");
        const rd_kafka_ConsumerGroupListing_t *listing = nullptr;
        for (size_t i = 0; i < count; ++i) {
            if (rd_kafka_ConsumerGroupListing_group_id(listings[i]) == statistician) {
                QVERIFY(!listing);
                listing = listings[i];
            }
        }
        QVERIFY(listing);
        QVERIFY(m_cluster->isApacheKafka() || count == 1);
        QCOMPARE(rd_kafka_ConsumerGroupListing_state(listing), stable);
        QVERIFY(!rd_kafka_ConsumerGroupListing_is_simple_consumer_group(listing));

        const char *groups[] = {statistician.c_str()};
        rd_kafka_DescribeConsumerGroups(admin.get(), groups, 1, nullptr, queue.get());
        const auto described
            = awaitResult(queue.get(), RD_KAFKA_EVENT_DESCRIBECONSUMERGROUPS_RESULT);
        QVERIFY(described);
        const auto **descriptions = rd_kafka_DescribeConsumerGroups_result_groups(
            rd_kafka_event_DescribeConsumerGroups_result(described.get()), &count);
        QCOMPARE(count, size_t(1));
        const auto *d = descriptions[0];
        QVERIFY(!rd_kafka_ConsumerGroupDescription_error(d));
        QCOMPARE(rd_kafka_ConsumerGroupDescription_state(d), stable);
        QCOMPARE(std::string(rd_kafka_ConsumerGroupDescription_partition_assignor(d)),
            std::string("range"));
        QCOMPARE(rd_kafka_ConsumerGroupDescription_member_count(d), size_t(2));
        std::set<std::string> memberIds;
        for (size_t i = 0; i < 2; ++i) {
            const auto *m = rd_kafka_ConsumerGroupDescription_member(d, i);
            memberIds.insert(rd_kafka_MemberDescription_consumer_id(m));
            QCOMPARE(std::string(rd_kafka_MemberDescription_host(m)), std::string("/127.0.0.1"));
            QCOMPARE(
                rd_kafka_MemberAssignment_partitions(rd_kafka_MemberDescription_assignment(m))->cnt,
                3);
        }
        QCOMPARE(
            memberIds, (std::set<std::string> {members[0]->memberId(), members[1]->memberId()}));

        rd_kafka_ListConsumerGroupOffsets_t *request
            = rd_kafka_ListConsumerGroupOffsets_new(statistician.c_str(), nullptr);
        rd_kafka_ListConsumerGroupOffsets(admin.get(), &request, 1, nullptr, queue.get());
        rd_kafka_ListConsumerGroupOffsets_destroy(request);
        const auto offsets
            = awaitResult(queue.get(), RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT);
        QVERIFY(offsets);
        const auto **results = rd_kafka_ListConsumerGroupOffsets_result_groups(
            rd_kafka_event_ListConsumerGroupOffsets_result(offsets.get()), &count);
        QCOMPARE(count, size_t(1));
        const auto *partitions = rd_kafka_group_result_partitions(results[0]);
        QCOMPARE(partitions->cnt, kPartitions);
        for (int i = 0; i < partitions->cnt; ++i) {
            QCOMPARE(partitions->elems[i].offset, std::int64_t(1));
        }

        // The legacy call still in use by kcat -L -G style tools: ListGroups and
        // DescribeGroups v0.
        const rd_kafka_group_list *legacy = nullptr;
        QCOMPARE(rd_kafka_list_groups(admin.get(), statistician.c_str(), &legacy, kAdminTimeoutMs),
            RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(legacy->group_cnt, 1);
        QCOMPARE(std::string(legacy->groups[0].state), std::string("Stable"));
        QCOMPARE(std::string(legacy->groups[0].protocol), std::string("range"));
        QCOMPARE(legacy->groups[0].member_cnt, 2);
        rd_kafka_group_list_destroy(legacy);
    }
};

QTEST_GUILESS_MAIN(TestLibrdkafkaGroups)
#include "tst_librdkafka_groups.moc"
