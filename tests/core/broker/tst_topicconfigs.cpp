#include "broker_api_test.h"
#include "log/topic_config.h"
#include "protocol/error_code.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::code;
using chippy::broker::ErrorCode;
using chippy::broker::Reader;
using chippy::broker::TopicConfig;
using chippy::broker::Writer;

namespace {

constexpr std::int8_t kTopicResource = 2;
constexpr std::int8_t kBrokerResource = 4;
constexpr std::int8_t kTopicConfigSource = 1;
constexpr std::int8_t kDefaultConfigSource = 5;

constexpr std::int8_t kBoolean = 1;
constexpr std::int8_t kString = 2;
constexpr std::int8_t kInt = 3;
constexpr std::int8_t kLong = 5;
constexpr std::int8_t kDouble = 6;
constexpr std::int8_t kList = 7;

// Every topic config Apache Kafka 4.4 describes, each at a valid value other than its default,
// with the value Kafka describes back (trimmed and in its type's own spelling) and its type.
struct Setting
{
    std::string given;
    std::string described;
    std::int8_t type;
};

const std::map<std::string, Setting> &everyTopicConfig()
{
    static const std::map<std::string, Setting> settings {
        {"cleanup.policy", {"delete", "delete", kList}},
        {"compression.gzip.level", {"5", "5", kInt}},
        {"compression.lz4.level", {"10", "10", kInt}},
        {"compression.type", {"gzip", "gzip", kString}},
        {"compression.zstd.level", {"7", "7", kInt}},
        {"delete.retention.ms", {"1000", "1000", kLong}},
        {"errors.deadletterqueue.group.enable", {"true", "true", kBoolean}},
        {"file.delete.delay.ms", {"1000", "1000", kLong}},
        {"flush.messages", {"10", "10", kLong}},
        {"flush.ms", {" +1000 ", "1000", kLong}},
        {"follower.replication.throttled.replicas", {"0:1", "0:1", kList}},
        {"index.interval.bytes", {"8192", "8192", kInt}},
        {"leader.replication.throttled.replicas", {"0:1 , 1:1", "0:1,1:1", kList}},
        {"local.retention.bytes", {"1000", "1000", kLong}},
        {"local.retention.ms", {"1000", "1000", kLong}},
        {"max.compaction.lag.ms", {"100000", "100000", kLong}},
        {"max.decompressed.message.bytes", {"1000000", "1000000", kInt}},
        {"max.message.bytes", {"2000000", "2000000", kInt}},
        {"message.timestamp.after.max.ms", {"1000", "1000", kLong}},
        {"message.timestamp.before.max.ms", {"1000", "1000", kLong}},
        {"message.timestamp.type", {"LogAppendTime", "LogAppendTime", kString}},
        {"min.cleanable.dirty.ratio", {".25", "0.25", kDouble}},
        {"min.compaction.lag.ms", {"5", "5", kLong}},
        {"min.insync.replicas", {"2", "2", kInt}},
        {"preallocate", {"TRUE", "true", kBoolean}},
        {"remote.copy.lag.bytes", {"5", "5", kLong}},
        {"remote.copy.lag.ms", {"5", "5", kLong}},
        {"remote.log.copy.disable", {"true", "true", kBoolean}},
        {"remote.log.delete.on.disable", {"true", "true", kBoolean}},
        {"remote.storage.enable", {"false", "false", kBoolean}},
        {"retention.bytes", {"-5", "-5", kLong}},
        {"retention.ms", {"100000", "100000", kLong}},
        {"segment.bytes", {"2097152", "2097152", kInt}},
        {"segment.index.bytes", {"4096", "4096", kInt}},
        {"segment.jitter.ms", {"5", "5", kLong}},
        {"segment.ms", {"100000", "100000", kLong}},
        {"unclean.leader.election.enable", {"true", "true", kBoolean}},
    };
    return settings;
}

struct Answer
{
    std::int16_t error = -1;
    std::optional<std::string> message;
    std::map<std::string, std::optional<std::string>> configs;
};

struct Synonym
{
    std::string name;
    std::optional<std::string> value;
    std::int8_t source = 0;
};

struct Described
{
    std::optional<std::string> value;
    bool readOnly = true;
    std::int8_t source = 0;
    bool sensitive = true;
    std::vector<Synonym> synonyms;
    std::int8_t type = 0;
    std::optional<std::string> documentation;
};

} // namespace

// Topic configs and broker defaults as Apache Kafka 4.4 answers them, over the wire: every
// topic config is accepted and described, bad values are refused as Kafka refuses them.
class TestTopicConfigs : public BrokerApiTest
{
    Q_OBJECT

private:
    // CreateTopics v7, which answers with the configs the new topic has.
    Answer createTopic(const std::string &name, const std::map<std::string, std::string> &configs,
        bool validateOnly = false)
    {
        Writer w(true);
        w.arrayLength(1);
        w.string(name);
        w.i32(1);
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
        r.i32();
        Answer a;
        if (r.arrayLength() != 1) {
            return a;
        }
        r.string();
        r.raw(16);
        a.error = r.i16();
        a.message = r.nullableString();
        r.i32();
        r.i16();
        const auto n = r.arrayLength();
        for (std::int32_t i = 0; i < n; ++i) {
            auto key = r.string();
            a.configs[key] = r.nullableString();
            r.boolean();
            r.i8();
            r.boolean();
            r.skipTags();
        }
        return a;
    }

    // DescribeConfigs v4 with synonyms and documentation.
    std::map<std::string, Described> describe(std::int8_t type, const std::string &name)
    {
        Writer w(true);
        w.arrayLength(1);
        w.i8(type);
        w.string(name);
        w.arrayLength(-1);
        w.tags();
        w.boolean(true);
        w.boolean(true);
        w.tags();
        const auto reply = call(ApiKey::DescribeConfigs, 4, std::move(w));
        Reader r(reply, true);
        r.i32();
        std::map<std::string, Described> configs;
        if (r.arrayLength() != 1 || r.i16() != 0) {
            return configs;
        }
        r.nullableString();
        r.i8();
        r.string();
        const auto n = r.arrayLength();
        for (std::int32_t i = 0; i < n; ++i) {
            const auto key = r.string();
            Described d;
            d.value = r.nullableString();
            d.readOnly = r.boolean();
            d.source = r.i8();
            d.sensitive = r.boolean();
            const auto synonyms = r.arrayLength();
            for (std::int32_t k = 0; k < synonyms; ++k) {
                Synonym s;
                s.name = r.string();
                s.value = r.nullableString();
                s.source = r.i8();
                r.skipTags();
                d.synonyms.push_back(std::move(s));
            }
            d.type = r.i8();
            d.documentation = r.nullableString();
            r.skipTags();
            configs[key] = std::move(d);
        }
        return configs;
    }

private slots:
    void everyKafkaTopicConfigIsAcceptedAndDescribedBack()
    {
        std::map<std::string, std::string> given;
        for (const auto &[name, setting] : everyTopicConfig()) {
            given[name] = setting.given;
        }
        const auto created = createTopic("ORDER", given);
        QCOMPARE(created.error, 0);
        QCOMPARE(created.configs.size(), everyTopicConfig().size());

        const auto described = describe(kTopicResource, "ORDER");
        QCOMPARE(described.size(), everyTopicConfig().size());
        for (const auto &[name, setting] : everyTopicConfig()) {
            QVERIFY2(described.contains(name), name.c_str());
            const auto &d = described.at(name);
            QCOMPARE(created.configs.at(name), std::optional(setting.described));
            QCOMPARE(d.value, std::optional(setting.described));
            QCOMPARE(d.source, kTopicConfigSource);
            QVERIFY(!d.readOnly);
            QVERIFY(!d.sensitive);
            QCOMPARE(d.type, setting.type);
            QVERIFY2(d.documentation && !d.documentation->empty(), name.c_str());
            QVERIFY(!d.synonyms.empty());
            QCOMPARE(d.synonyms.front().name, name);
            QCOMPARE(d.synonyms.front().value, std::optional(setting.described));
            QCOMPARE(d.synonyms.front().source, kTopicConfigSource);
        }
    }

    void aTopicWithoutOverridesShowsKafkasDefaultsAndTheirBrokerSettings()
    {
        QCOMPARE(createTopic("ORDER", {}).error, 0);
        const auto described = describe(kTopicResource, "ORDER");
        QCOMPARE(described.size(), everyTopicConfig().size());
        const std::map<std::string, std::pair<std::string, std::string>> expected {
            {"retention.ms", {"604800000", "log.retention.ms"}},
            {"segment.bytes", {"1073741824", "log.segment.bytes"}},
            {"max.message.bytes", {"1048588", "message.max.bytes"}},
            {"delete.retention.ms", {"86400000", "log.cleaner.delete.retention.ms"}},
            {"flush.messages", {"9223372036854775807", "log.flush.interval.messages"}},
            {"min.cleanable.dirty.ratio", {"0.5", "log.cleaner.min.cleanable.ratio"}},
            {"local.retention.ms", {"-2", "log.local.retention.ms"}},
        };
        for (const auto &[name, valueAndSynonym] : expected) {
            const auto &d = described.at(name);
            QCOMPARE(d.value, std::optional(valueAndSynonym.first));
            QCOMPARE(d.source, kDefaultConfigSource);
            QCOMPARE(d.synonyms.size(), std::size_t(1));
            QCOMPARE(d.synonyms[0].name, valueAndSynonym.second);
            QCOMPARE(d.synonyms[0].source, kDefaultConfigSource);
        }
        // Kafka has no broker-wide setting for these, so no synonym either.
        QCOMPARE(described.at("remote.storage.enable").value, std::optional<std::string>("false"));
        QVERIFY(described.at("remote.storage.enable").synonyms.empty());
        QCOMPARE(described.at("leader.replication.throttled.replicas").value,
            std::optional<std::string>(""));
    }

    void aBadValueIsRefusedAsKafkaRefusesIt_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        const auto row
            = [](const char *tag, const char *name, const char *value, const char *message) {
                  QTest::newRow(tag) << QString(name) << QString(value) << QString(message);
              };
        // The messages are those Apache Kafka 4.4 gives for the same values.
        row("unknown", "bogus.config", "1", "Unknown topic config name: bogus.config");
        row("removed in Kafka 4", "message.format.version", "3.0",
            "Unknown topic config name: message.format.version");
        row("not a long", "delete.retention.ms", "abc",
            "Invalid value abc for configuration delete.retention.ms: Not a number of type LONG");
        row("empty long", "retention.bytes", "",
            "Invalid value  for configuration retention.bytes: Not a number of type LONG");
        row("too big for an int", "max.message.bytes", "3000000000",
            "Invalid value 3000000000 for configuration max.message.bytes: Not a number of type "
            "INT");
        row("below the range", "delete.retention.ms", "-5",
            "Invalid value -5 for configuration delete.retention.ms: Value must be at least 0");
        row("retention below -1", "retention.ms", "-2",
            "Invalid value -2 for configuration retention.ms: Value must be at least -1");
        row("above the range", "compression.zstd.level", "23",
            "Invalid value 23 for configuration compression.zstd.level: Value must be no more "
            "than 22");
        row("gzip level", "compression.gzip.level", "0",
            "Invalid value 0 for configuration compression.gzip.level: Value must be between 1 "
            "and 9 or equal to -1");
        row("ratio above one", "min.cleanable.dirty.ratio", "2",
            "Invalid value 2.0 for configuration min.cleanable.dirty.ratio: Value must be no "
            "more than 1");
        row("not a double", "min.cleanable.dirty.ratio", "x",
            "Invalid value x for configuration min.cleanable.dirty.ratio: Not a number of type "
            "DOUBLE");
        row("not a boolean", "preallocate", "yes",
            "Invalid value yes for configuration preallocate: Expected value to be either true "
            "or false");
        row("not a choice", "compression.type", "brotli",
            "Invalid value brotli for configuration compression.type: String must be one of: "
            "uncompressed, zstd, lz4, snappy, gzip, producer");
        row("choices are case-sensitive", "message.timestamp.type", "logappendtime",
            "Invalid value logappendtime for configuration message.timestamp.type: String must "
            "be one of: CreateTime, LogAppendTime");
        row("not a policy", "cleanup.policy", "foo",
            "Invalid value foo for configuration cleanup.policy: String must be one of: "
            "compact, delete");
        row("in sync replicas", "min.insync.replicas", "0",
            "Invalid value 0 for configuration min.insync.replicas: Value must be at least 1");
        row("segment too small", "segment.bytes", "12",
            "Invalid value 12 for configuration segment.bytes: Value must be at least 1024");
    }

    void aBadValueIsRefusedAsKafkaRefusesIt()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(QString, message);
        for (const bool validateOnly : {true, false}) {
            const auto a
                = createTopic("ORDER", {{name.toStdString(), value.toStdString()}}, validateOnly);
            QCOMPARE(a.error, code(ErrorCode::InvalidConfig));
            QCOMPARE(QString::fromStdString(a.message.value_or("")), message);
        }
        QVERIFY(describe(kTopicResource, "ORDER").empty());
    }

    void compactionIsRefusedWithTheReasonButDeleteWorks()
    {
        for (const char *policy : {"compact", "delete,compact", " compact "}) {
            const auto a = createTopic("ORDER", {{"cleanup.policy", policy}});
            QCOMPARE(a.error, code(ErrorCode::InvalidConfig));
            QVERIFY2(a.message->find("not supported") != std::string::npos, a.message->c_str());
        }
        QCOMPARE(createTopic("ORDER", {{"cleanup.policy", "delete"}}).error, 0);
        QCOMPARE(createTopic("READY", {{"cleanup.policy", ""}}).error, 0);
        QCOMPARE(describe(kTopicResource, "READY").at("cleanup.policy").value,
            std::optional<std::string>(""));
    }

    void tieredStorageCannotBeTurnedOn()
    {
        const auto a = createTopic("ORDER", {{"remote.storage.enable", "true"}});
        QCOMPARE(a.error, code(ErrorCode::InvalidConfig));
        QVERIFY(a.message->find("tiered storage") != std::string::npos);
    }

    void anEmptyCleanupPolicyKeepsRecordsForEver()
    {
        TopicConfig config;
        const chippy::broker::BrokerConfig broker;
        config.overrides
            = {{"cleanup.policy", " "}, {"retention.ms", "1000"}, {"retention.bytes", "1024"}};
        QCOMPARE(config.retentionMs(broker), -1);
        QCOMPARE(config.retentionBytes(broker), -1);
        config.overrides["cleanup.policy"] = "delete";
        QCOMPARE(config.retentionMs(broker), 1000);
        QCOMPARE(config.retentionBytes(broker), 1024);
    }

    void numbersAreReadAsKafkaReadsThem()
    {
        TopicConfig config;
        const chippy::broker::BrokerConfig broker;
        config.overrides = {{"retention.ms", " +100 "}, {"segment.bytes", "4096"}};
        QCOMPARE(config.retentionMs(broker), 100);
        QCOMPARE(config.segmentBytes(broker), 4096);
        // Kafka's internal.segment.bytes, which its own tests use, wins.
        config.overrides["internal.segment.bytes"] = "512";
        QCOMPARE(config.segmentBytes(broker), 512);
    }

    void theBrokerDescribesKafkasDefaults()
    {
        const auto described = describe(kBrokerResource, "1");
        const std::map<std::string, std::string> kafkaDefaults {
            {"log.retention.check.interval.ms", "300000"},
            {"group.initial.rebalance.delay.ms", "3000"},
            {"group.min.session.timeout.ms", "6000"},
            {"group.max.session.timeout.ms", "1800000"},
            {"message.max.bytes", "1048588"},
            {"socket.request.max.bytes", "104857600"},
            {"log.segment.bytes", "1073741824"},
            {"log.retention.ms", "604800000"},
            {"log.retention.bytes", "-1"},
            {"num.partitions", "1"},
            {"auto.create.topics.enable", "true"},
            {"log.cleanup.policy", "delete"},
            {"log.cleaner.delete.retention.ms", "86400000"},
        };
        for (const auto &[name, value] : kafkaDefaults) {
            QVERIFY2(described.contains(name), name.c_str());
            QCOMPARE(described.at(name).value, std::optional(value));
            QCOMPARE(described.at(name).source, kDefaultConfigSource);
            QVERIFY(described.at(name).readOnly);
        }
    }

    void valuesGivenByTheEmbeddingApplicationAreStaticBrokerConfigs()
    {
        chippy::broker::BrokerConfig config;
        config.retentionCheckIntervalMs = 1000;
        config.groupInitialRebalanceDelayMs = 0;
        config.segmentBytes = 64 << 20;
        m_client.reset();
        start(false, config);

        constexpr std::int8_t kStaticBrokerConfig = 4;
        const auto broker = describe(kBrokerResource, "1");
        QCOMPARE(
            broker.at("log.retention.check.interval.ms").value, std::optional<std::string>("1000"));
        QCOMPARE(broker.at("log.retention.check.interval.ms").source, kStaticBrokerConfig);
        QCOMPARE(
            broker.at("group.initial.rebalance.delay.ms").value, std::optional<std::string>("0"));
        QCOMPARE(createTopic("ORDER", {}).error, 0);
        const auto segment = describe(kTopicResource, "ORDER").at("segment.bytes");
        QCOMPARE(segment.value, std::optional<std::string>("67108864"));
        QCOMPARE(segment.source, kStaticBrokerConfig);
        QCOMPARE(segment.synonyms.size(), std::size_t(2));
        QCOMPARE(segment.synonyms[1].value, std::optional<std::string>("1073741824"));
    }
};

QTEST_GUILESS_MAIN(TestTopicConfigs)
#include "tst_topicconfigs.moc"
