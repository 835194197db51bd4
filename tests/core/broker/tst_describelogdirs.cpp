#include "batch_builder.h"
#include "broker_api_test.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr std::int16_t kFirstFlexibleVersion = 2;
constexpr std::int16_t kProduceVersion = 7;
constexpr std::int32_t kPartitionsPerTopic = 2;

struct LogDirPartition
{
    std::int64_t size = -1;
    std::int64_t offsetLag = -1;
    bool isFuture = true;
};

struct LogDir
{
    std::int16_t error = -1;
    std::string path;
    // topic -> partition -> what was reported
    std::map<std::string, std::map<std::int32_t, LogDirPartition>> topics;
    std::int64_t totalBytes = 0;
    std::int64_t usableBytes = 0;
};

struct LogDirsReply
{
    bool decoded = false;
    std::int16_t error = -1;
    std::vector<LogDir> dirs;
};

using TopicRequest = std::vector<std::pair<std::string, std::vector<std::int32_t>>>;

} // namespace

// DescribeLogDirs as kafka-log-dirs.sh and the Kafka GUIs ask it: one log dir holding every
// partition, with sizes, and in v4 the space of the disk under it.
class TestDescribeLogDirs : public BrokerApiTest
{
    Q_OBJECT

private:
    std::size_t m_orderBatchBytes = 0;

    // A broker with ORDER and READY holding a batch each.
    void startWithTopics(bool persistent)
    {
        chippy::broker::BrokerConfig config;
        config.defaultPartitions = kPartitionsPerTopic;
        start(persistent, config);
        const auto batch = buildBatch({{"k1", "two chips"}, {"k2", "one fish"}});
        m_orderBatchBytes = batch.size();
        QVERIFY(m_client->createTopic("ORDER", kPartitionsPerTopic));
        QVERIFY(m_client->createTopic("READY", kPartitionsPerTopic));
        QVERIFY(produce("ORDER", batch));
        QVERIFY(produce("READY", buildBatch({{"k", "v"}})));
    }

    bool produce(const std::string &topic, const std::vector<std::uint8_t> &batch)
    {
        Writer w;
        w.nullString(); // transactional id
        w.i16(-1); // acks=all
        w.i32(10000);
        w.arrayLength(1);
        w.string(topic);
        w.arrayLength(1);
        w.i32(0);
        w.bytes(batch);
        const auto reply = m_client->call(ApiKey::Produce, kProduceVersion, std::move(w));
        if (!reply) {
            return false;
        }
        Reader r(*reply);
        r.arrayLength();
        r.string();
        r.arrayLength();
        r.i32();
        return r.i16() == 0;
    }

    LogDirsReply describe(std::int16_t version, const std::optional<TopicRequest> &topics)
    {
        const bool flexible = version >= kFirstFlexibleVersion;
        Writer w(flexible);
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
        LogDirsReply reply;
        const auto body = m_client->call(ApiKey::DescribeLogDirs, version, std::move(w));
        if (!body) {
            return reply;
        }
        Reader r(*body, flexible);
        r.i32(); // throttle time
        reply.error = version >= 3 ? r.i16() : std::int16_t(0);
        r.forEach([&] {
            LogDir dir;
            dir.error = r.i16();
            dir.path = r.string();
            r.forEach([&] {
                auto &partitions = dir.topics[r.string()];
                r.forEach([&] {
                    const auto index = r.i32();
                    LogDirPartition p;
                    p.size = r.i64();
                    p.offsetLag = r.i64();
                    p.isFuture = r.boolean();
                    r.skipTags();
                    partitions[index] = p;
                });
                r.skipTags();
            });
            if (version >= 4) {
                dir.totalBytes = r.i64();
                dir.usableBytes = r.i64();
            }
            r.skipTags();
            reply.dirs.push_back(dir);
        });
        r.skipTags();
        reply.decoded = r.atEnd();
        return reply;
    }

private slots:
    // Each test starts the broker it needs.
    void init() { }

    void everyPartitionIsInTheDataDirectory_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 0; v <= 4; ++v) {
            QTest::newRow(qPrintable(QStringLiteral("v%1").arg(v))) << v;
        }
    }

    void everyPartitionIsInTheDataDirectory()
    {
        QFETCH(int, version);
        startWithTopics(true);
        const auto reply = describe(std::int16_t(version), std::nullopt);
        QVERIFY(reply.decoded);
        QCOMPARE(reply.error, std::int16_t(0));
        QCOMPARE(reply.dirs.size(), std::size_t(1));
        const auto &dir = reply.dirs[0];
        QCOMPARE(dir.error, std::int16_t(0));
        QCOMPARE(dir.path,
            std::filesystem::path(m_broker->dataDir().toStdString()).lexically_normal().string());
        QCOMPARE(dir.topics.size(), std::size_t(2));
        const auto &order = dir.topics.at("ORDER");
        QCOMPARE(order.size(), std::size_t(kPartitionsPerTopic));
        QCOMPARE(order.at(0).size, std::int64_t(m_orderBatchBytes));
        QCOMPARE(order.at(0).offsetLag, std::int64_t(0));
        QVERIFY(!order.at(0).isFuture);
        QCOMPARE(order.at(1).size, std::int64_t(0));
        QVERIFY(dir.topics.at("READY").at(0).size > 0);
        if (version >= 4) {
            QVERIFY(dir.totalBytes > 0);
            QVERIFY(dir.usableBytes >= 0);
            QVERIFY(dir.usableBytes <= dir.totalBytes);
        }
    }

    void onlyTheAskedPartitionsThatExistAreDescribed_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("v1") << 1;
        QTest::newRow("v4") << 4;
    }

    void onlyTheAskedPartitionsThatExistAreDescribed()
    {
        QFETCH(int, version);
        startWithTopics(true);
        const auto reply
            = describe(std::int16_t(version), TopicRequest {{"ORDER", {0, 7}}, {"NOWHERE", {0}}});
        QVERIFY(reply.decoded);
        QCOMPARE(reply.dirs.size(), std::size_t(1));
        const auto &topics = reply.dirs[0].topics;
        QCOMPARE(topics.size(), std::size_t(1));
        QCOMPARE(topics.at("ORDER").size(), std::size_t(1));
        QCOMPARE(topics.at("ORDER").at(0).size, std::int64_t(m_orderBatchBytes));
        QVERIFY(describe(std::int16_t(version), TopicRequest {}).dirs.at(0).topics.empty());
    }

    void anInMemoryBrokerHasNoDiskToMeasure()
    {
        startWithTopics(false);
        const auto reply = describe(4, std::nullopt);
        QVERIFY(reply.decoded);
        QCOMPARE(reply.dirs.size(), std::size_t(1));
        const auto &dir = reply.dirs[0];
        QCOMPARE(dir.path, std::string("memory"));
        QCOMPARE(dir.topics.at("ORDER").at(0).size, std::int64_t(m_orderBatchBytes));
        QCOMPARE(dir.totalBytes, std::int64_t(-1));
        QCOMPARE(dir.usableBytes, std::int64_t(-1));
    }
};

QTEST_GUILESS_MAIN(TestDescribeLogDirs)
#include "tst_describelogdirs.moc"
