#include "broker_api_test.h"
#include "protocol/error_code.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <array>
#include <map>
#include <memory>
#include <optional>
#include <tuple>
#include <vector>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::code;
using chippy::broker::ErrorCode;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

using TopicId = std::array<std::uint8_t, 16>;

constexpr std::int8_t kTopicResource = 2;
constexpr std::int8_t kBrokerResource = 4;
constexpr std::int8_t kTypeLong = 5;
constexpr std::int8_t kSet = 0;
constexpr std::int8_t kDelete = 1;
constexpr std::int8_t kAppend = 2;

struct CreatedTopic
{
    std::string name;
    TopicId id {};
    std::int16_t error = -1;
    std::optional<std::string> message;
    std::int32_t partitions = 0;
    std::int16_t replicationFactor = 0;
    std::map<std::string, std::optional<std::string>> configs;
};

struct ResourceAnswer
{
    std::int16_t error = -1;
    std::optional<std::string> message;
};

} // namespace

// The admin APIs at the versions neither librdkafka 2.0.2 nor kafka-python 2.0.2 sends: the
// flexible encodings, topic ids, config types and documentation, and IncrementalAlterConfigs.
class TestAdminVersions : public BrokerApiTest
{
    Q_OBJECT

private:
    // CreateTopics v7 for one topic; an empty assignment lets the broker place partitions.
    CreatedTopic createTopic(const std::string &name, std::int32_t partitions,
        const std::map<std::string, std::string> &configs = {}, bool validateOnly = false)
    {
        Writer w(true);
        w.arrayLength(1);
        w.string(name);
        w.i32(partitions);
        w.i16(-1);
        w.arrayLength(0);
        w.arrayLength(configs.size());
        for (const auto &[key, value] : configs) {
            w.string(key);
            w.string(value);
            w.tags();
        }
        w.tags();
        w.i32(30000);
        w.boolean(validateOnly);
        w.tags();
        const auto reply = call(ApiKey::CreateTopics, 7, std::move(w));
        Reader r(reply, true);
        r.i32(); // throttle time
        CreatedTopic t;
        if (r.arrayLength() != 1) {
            return t;
        }
        t.name = r.string();
        const auto id = r.raw(16);
        std::copy(id.begin(), id.end(), t.id.begin());
        t.error = r.i16();
        t.message = r.nullableString();
        t.partitions = r.i32();
        t.replicationFactor = r.i16();
        const auto n = r.arrayLength();
        for (std::int32_t i = 0; i < n; ++i) {
            auto key = r.string();
            t.configs[key] = r.nullableString();
            r.boolean(); // read-only
            r.i8(); // source
            r.boolean(); // sensitive
            r.skipTags();
        }
        return t;
    }

    ResourceAnswer deleteTopic(std::optional<std::string> name, const TopicId &id)
    {
        Writer w(true);
        w.arrayLength(1);
        w.nullableString(name);
        w.raw(id);
        w.tags();
        w.i32(30000);
        w.tags();
        const auto reply = call(ApiKey::DeleteTopics, 6, std::move(w));
        Reader r(reply, true);
        r.i32();
        ResourceAnswer a;
        if (r.arrayLength() != 1) {
            return a;
        }
        r.nullableString();
        r.raw(16);
        a.error = r.i16();
        a.message = r.nullableString();
        return a;
    }

    ResourceAnswer alterIncrementally(const std::string &topic,
        const std::vector<std::tuple<std::string, std::int8_t, std::optional<std::string>>> &ops)
    {
        Writer w(true);
        w.arrayLength(1);
        w.i8(kTopicResource);
        w.string(topic);
        w.arrayLength(ops.size());
        for (const auto &[key, op, value] : ops) {
            w.string(key);
            w.i8(op);
            w.nullableString(value);
            w.tags();
        }
        w.tags();
        w.boolean(false);
        w.tags();
        const auto reply = call(ApiKey::IncrementalAlterConfigs, 1, std::move(w));
        Reader r(reply, true);
        r.i32();
        ResourceAnswer a;
        if (r.arrayLength() != 1) {
            return a;
        }
        a.error = r.i16();
        a.message = r.nullableString();
        return a;
    }

    std::map<std::string, std::string> overridesOf(const std::string &topic)
    {
        for (const auto &t : m_broker->broker().snapshot().topics) {
            if (t.name == topic) {
                return t.configOverrides;
            }
        }
        return {};
    }

    std::size_t partitionsOf(const std::string &topic)
    {
        for (const auto &t : m_broker->broker().snapshot().topics) {
            if (t.name == topic) {
                return t.partitions.size();
            }
        }
        return 0;
    }

private slots:
    void apiVersionsAdvertisesTheAdminRanges()
    {
        Writer w(true);
        w.string("chippy-test");
        w.string("1.0");
        w.tags();
        const auto reply = call(ApiKey::ApiVersions, 3, std::move(w));
        Reader r(reply, true);
        QCOMPARE(r.i16(), 0);
        std::map<std::int16_t, std::pair<std::int16_t, std::int16_t>> ranges;
        const auto n = r.arrayLength();
        for (std::int32_t i = 0; i < n; ++i) {
            const auto key = r.i16();
            const auto min = r.i16();
            ranges[key] = {min, r.i16()};
            r.skipTags();
        }
        using Range = std::pair<std::int16_t, std::int16_t>;
        QCOMPARE(ranges[19], Range(0, 7));
        QCOMPARE(ranges[20], Range(0, 6));
        QCOMPARE(ranges[21], Range(0, 2));
        QCOMPARE(ranges[22], Range(0, 4));
        QCOMPARE(ranges[32], Range(0, 4));
        QCOMPARE(ranges[33], Range(0, 2));
        QCOMPARE(ranges[37], Range(0, 3));
        QCOMPARE(ranges[44], Range(0, 1));
        QCOMPARE(ranges[17], Range(0, 1));
        QCOMPARE(ranges[23], Range(0, 4));
        QCOMPARE(ranges[29], Range(0, 3));
        QCOMPARE(ranges[35], Range(0, 4));
        QCOMPARE(ranges[36], Range(0, 2));
        QCOMPARE(ranges[42], Range(0, 2));
        QCOMPARE(ranges[46], Range(0, 0));
        QCOMPARE(ranges[47], Range(0, 0));
        QCOMPARE(ranges[60], Range(0, 1));
    }

    void createTopicsV7AnswersWithTheTopicIdPartitionsAndConfigs()
    {
        const auto t = createTopic("ORDER", 3, {{"retention.ms", "60000"}});
        QCOMPARE(t.error, 0);
        QVERIFY(!t.message);
        QVERIFY(t.id != TopicId {});
        QCOMPARE(t.partitions, 3);
        QCOMPARE(t.replicationFactor, 1);
        QCOMPARE(t.configs.at("retention.ms"), std::optional<std::string>("60000"));
        QCOMPARE(t.configs.at("cleanup.policy"), std::optional<std::string>("delete"));
        QCOMPARE(partitionsOf("ORDER"), std::size_t(3));
    }

    void createTopicsValidateOnlyDescribesATopicThatIsNotCreated()
    {
        const auto t = createTopic("COOK", -1, {{"segment.bytes", "1048576"}}, true);
        QCOMPARE(t.error, 0);
        // Kafka answers with an id generated for the topic it did not create.
        QVERIFY(t.id != TopicId {});
        QCOMPARE(t.partitions, 1);
        QCOMPARE(t.configs.at("segment.bytes"), std::optional<std::string>("1048576"));
        QCOMPARE(partitionsOf("COOK"), std::size_t(0));
    }

    void aTopicNamedTwiceInOneCreateIsRefusedAndNotCreated()
    {
        Writer w(true);
        w.arrayLength(2);
        for (int i = 0; i < 2; ++i) {
            w.string("READY");
            w.i32(1);
            w.i16(1);
            w.arrayLength(0);
            w.arrayLength(0);
            w.tags();
        }
        w.i32(30000);
        w.boolean(false);
        w.tags();
        const auto reply = call(ApiKey::CreateTopics, 5, std::move(w));
        Reader r(reply, true);
        r.i32();
        QCOMPARE(r.arrayLength(), 1);
        QCOMPARE(r.string(), std::string("READY"));
        QCOMPARE(r.i16(), code(ErrorCode::InvalidRequest));
        QCOMPARE(r.nullableString(),
            std::optional<std::string>("topic READY appears more than once in the request"));
        QCOMPARE(partitionsOf("READY"), std::size_t(0));
    }

    void deleteTopicsV6DeletesByTopicId()
    {
        const auto t = createTopic("ORDER", 1);
        const auto answer = deleteTopic(std::nullopt, t.id);
        QCOMPARE(answer.error, 0);
        QCOMPARE(partitionsOf("ORDER"), std::size_t(0));
        QCOMPARE(deleteTopic(std::nullopt, t.id).error, code(ErrorCode::UnknownTopicId));
    }

    void deleteTopicsV6RefusesANameAndAnIdTogether()
    {
        const auto t = createTopic("ORDER", 1);
        const auto answer = deleteTopic("ORDER", t.id);
        QCOMPARE(answer.error, code(ErrorCode::InvalidRequest));
        QCOMPARE(partitionsOf("ORDER"), std::size_t(1));
    }

    void describeConfigsV4GivesTypesAndDocumentationWhenAsked()
    {
        createTopic("ORDER", 1);
        for (const bool documentation : {true, false}) {
            Writer w(true);
            w.arrayLength(1);
            w.i8(kTopicResource);
            w.string("ORDER");
            w.arrayLength(1);
            w.string("retention.ms");
            w.tags();
            w.boolean(false); // synonyms
            w.boolean(documentation);
            w.tags();
            const auto reply = call(ApiKey::DescribeConfigs, 4, std::move(w));
            Reader r(reply, true);
            r.i32();
            QCOMPARE(r.arrayLength(), 1);
            QCOMPARE(r.i16(), 0);
            r.nullableString();
            QCOMPARE(r.i8(), kTopicResource);
            QCOMPARE(r.string(), std::string("ORDER"));
            QCOMPARE(r.arrayLength(), 1);
            QCOMPARE(r.string(), std::string("retention.ms"));
            QCOMPARE(r.nullableString(), std::optional<std::string>("604800000"));
            QCOMPARE(r.boolean(), false); // read-only
            QCOMPARE(r.i8(), 5); // default config
            QCOMPARE(r.boolean(), false); // sensitive
            QCOMPARE(r.arrayLength(), 0); // synonyms were not asked for
            QCOMPARE(r.i8(), kTypeLong);
            const auto doc = r.nullableString();
            QCOMPARE(doc.has_value(), documentation);
            if (doc) {
                QVERIFY(doc->find("How long") != std::string::npos);
            }
        }
    }

    void incrementalAlterConfigsSetsAndDeletesSingleConfigs()
    {
        createTopic("ORDER", 1, {{"retention.ms", "60000"}});
        QCOMPARE(alterIncrementally("ORDER", {{"segment.bytes", kSet, "1048576"}}).error, 0);
        QCOMPARE(overridesOf("ORDER"),
            (std::map<std::string, std::string> {
                {"retention.ms", "60000"}, {"segment.bytes", "1048576"}}));
        QCOMPARE(alterIncrementally("ORDER", {{"retention.ms", kDelete, std::nullopt}}).error, 0);
        QCOMPARE(overridesOf("ORDER"),
            (std::map<std::string, std::string> {{"segment.bytes", "1048576"}}));
    }

    void incrementalAlterConfigsAppendsOnlyToLists()
    {
        createTopic("ORDER", 1);
        QCOMPARE(alterIncrementally("ORDER", {{"cleanup.policy", kAppend, "delete"}}).error, 0);
        QCOMPARE(overridesOf("ORDER").at("cleanup.policy"), std::string("delete"));
        const auto compact = alterIncrementally("ORDER", {{"cleanup.policy", kAppend, "compact"}});
        QCOMPARE(compact.error, code(ErrorCode::InvalidConfig));
        QVERIFY(compact.message->find("not supported") != std::string::npos);
        const auto notList = alterIncrementally("ORDER", {{"retention.ms", kAppend, "5"}});
        QCOMPARE(notList.error, code(ErrorCode::InvalidConfig));
        QVERIFY(notList.message->find("is not a list") != std::string::npos);
        QCOMPARE(overridesOf("ORDER").at("cleanup.policy"), std::string("delete"));
    }

    void createPartitionsV3HonoursAnAssignmentToThisBrokerOnly()
    {
        createTopic("ORDER", 1);
        for (const std::int32_t broker : {2, 1}) {
            Writer w(true);
            w.arrayLength(1);
            w.string("ORDER");
            w.i32(3);
            w.arrayLength(2);
            for (int i = 0; i < 2; ++i) {
                w.arrayLength(1);
                w.i32(broker);
                w.tags();
            }
            w.tags();
            w.i32(30000);
            w.boolean(false);
            w.tags();
            const auto reply = call(ApiKey::CreatePartitions, 3, std::move(w));
            Reader r(reply, true);
            r.i32();
            QCOMPARE(r.arrayLength(), 1);
            QCOMPARE(r.string(), std::string("ORDER"));
            const auto error = r.i16();
            QCOMPARE(
                error, broker == 1 ? std::int16_t(0) : code(ErrorCode::InvalidReplicaAssignment));
            QCOMPARE(partitionsOf("ORDER"), std::size_t(broker == 1 ? 3 : 1));
        }
    }

    void validateOnlyAltersAndGrowsNothing()
    {
        createTopic("ORDER", 1, {{"retention.ms", "60000"}});
        Writer alter;
        alter.arrayLength(1);
        alter.i8(kTopicResource);
        alter.string("ORDER");
        alter.arrayLength(1);
        alter.string("retention.bytes");
        alter.string("1048576");
        alter.boolean(true);
        const auto altered = call(ApiKey::AlterConfigs, 0, std::move(alter));
        Reader a(altered);
        a.i32();
        QCOMPARE(a.arrayLength(), 1);
        QCOMPARE(a.i16(), 0);

        Writer grow;
        grow.arrayLength(1);
        grow.string("ORDER");
        grow.i32(4);
        grow.nullArray();
        grow.i32(30000);
        grow.boolean(true);
        const auto grown = call(ApiKey::CreatePartitions, 1, std::move(grow));
        Reader g(grown);
        g.i32();
        QCOMPARE(g.arrayLength(), 1);
        QCOMPARE(g.string(), std::string("ORDER"));
        QCOMPARE(g.i16(), 0);

        QCOMPARE(
            overridesOf("ORDER"), (std::map<std::string, std::string> {{"retention.ms", "60000"}}));
        QCOMPARE(partitionsOf("ORDER"), std::size_t(1));
    }

    void alterConfigsV2RefusesToChangeTheBroker()
    {
        Writer w(true);
        w.arrayLength(1);
        w.i8(kBrokerResource);
        w.string("1");
        w.arrayLength(1);
        w.string("num.partitions");
        w.string("8");
        w.tags();
        w.tags();
        w.boolean(false);
        w.tags();
        const auto reply = call(ApiKey::AlterConfigs, 2, std::move(w));
        Reader r(reply, true);
        r.i32();
        QCOMPARE(r.arrayLength(), 1);
        QCOMPARE(r.i16(), code(ErrorCode::InvalidRequest));
        QVERIFY(r.nullableString()->find("command line") != std::string::npos);
    }

    void deleteRecordsV2AnswersWithTheLowWatermark()
    {
        createTopic("ORDER", 1);
        Writer w(true);
        w.arrayLength(1);
        w.string("ORDER");
        w.arrayLength(2);
        w.i32(0);
        w.i64(-1);
        w.tags();
        w.i32(7);
        w.i64(-1);
        w.tags();
        w.tags();
        w.i32(30000);
        w.tags();
        const auto reply = call(ApiKey::DeleteRecords, 2, std::move(w));
        Reader r(reply, true);
        r.i32();
        QCOMPARE(r.arrayLength(), 1);
        QCOMPARE(r.string(), std::string("ORDER"));
        QCOMPARE(r.arrayLength(), 2);
        QCOMPARE(r.i32(), 0);
        QCOMPARE(r.i64(), 0); // an empty partition already starts at its end
        QCOMPARE(r.i16(), 0);
        r.skipTags();
        QCOMPARE(r.i32(), 7);
        QCOMPARE(r.i64(), -1);
        QCOMPARE(r.i16(), code(ErrorCode::UnknownTopicOrPartition));
    }
};

QTEST_GUILESS_MAIN(TestAdminVersions)
#include "tst_adminversions.moc"
