#include "broker_api_test.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr std::int32_t kTimeoutMs = 30000;

using TopicRequest = std::vector<std::pair<std::string, std::vector<std::int32_t>>>;

struct ReassignmentsReply
{
    bool decoded = false;
    std::int16_t error = -1;
    std::optional<std::string> message = "unset";
    std::int32_t topics = -1;
};

} // namespace

// ListPartitionReassignments (v0, flexible) as kafka-reassign-partitions.sh --verify and the
// Kafka GUIs ask it: a single broker never moves a partition.
class TestListPartitionReassignments : public BrokerApiTest
{
    Q_OBJECT

private:
    ReassignmentsReply list(const std::optional<TopicRequest> &topics)
    {
        Writer w(true);
        w.i32(kTimeoutMs);
        if (!topics) {
            w.nullArray();
        } else {
            w.arrayLength(topics->size());
            for (const auto &[name, partitions] : *topics) {
                w.string(name);
                w.arrayLength(partitions.size());
                for (const auto p : partitions) {
                    w.i32(p);
                }
                w.tags();
            }
        }
        w.tags();
        ReassignmentsReply reply;
        const auto body = m_client->call(ApiKey::ListPartitionReassignments, 0, std::move(w));
        if (!body) {
            return reply;
        }
        Reader r(*body, true);
        r.i32(); // throttle time
        reply.error = r.i16();
        reply.message = r.nullableString();
        reply.topics = r.arrayLength();
        r.skipTags();
        reply.decoded = r.atEnd();
        return reply;
    }

private slots:
    void nothingIsEverBeingReassigned()
    {
        const auto reply = list(std::nullopt);
        QVERIFY(reply.decoded);
        QCOMPARE(reply.error, std::int16_t(0));
        QVERIFY(!reply.message);
        QCOMPARE(reply.topics, 0);
    }

    void askedTopicsKnownOrNotAreNotBeingReassigned()
    {
        const auto reply = list(TopicRequest {{"ORDER", {0, 1}}, {"NOWHERE", {3}}});
        QVERIFY(reply.decoded);
        QCOMPARE(reply.error, std::int16_t(0));
        QVERIFY(!reply.message);
        QCOMPARE(reply.topics, 0);
    }
};

QTEST_GUILESS_MAIN(TestListPartitionReassignments)
#include "tst_listpartitionreassignments.moc"
