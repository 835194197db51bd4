#include "broker_fixture.h"
#include "rdkafka_log_clients.h"

#include <QTest>

#include <filesystem>
#include <optional>

using namespace chippy::test;

namespace {

constexpr std::int64_t kRetentionCheckMs = 100;
constexpr std::int64_t kSegmentBytes = 4096;
constexpr std::int64_t kRetentionBytes = 16384;
constexpr int kRecords = 2000;
constexpr int kRecordsPerBatch = 10;
constexpr int kValueBytes = 100;
constexpr int kNewRecords = 5;
constexpr int kTimeoutMs = 30000;

std::string valueOf(std::int64_t index)
{
    std::string v = "order-" + std::to_string(index) + ":";
    v.resize(kValueBytes, 'c');
    return v;
}

} // namespace

// Size and time retention seen from outside: segment files, snapshots, ListOffsets and
// librdkafka consumers whose position has expired.
class TestRetention : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BrokerFixture> m_broker;

    std::optional<chippy::broker::BrokerSnapshot::Partition> partition(const std::string &topic)
    {
        for (const auto &t : m_broker->broker().snapshot().topics) {
            if (t.name == topic && !t.partitions.empty()) {
                return t.partitions.front();
            }
        }
        return std::nullopt;
    }

    std::uint64_t listOffsetsRequests()
    {
        const auto counts = m_broker->broker().snapshot().requestCounts;
        const auto it = counts.find("ListOffsets");
        return it == counts.end() ? 0 : it->second;
    }

    void produce(const std::string &topic, std::int64_t from, int count)
    {
        std::vector<Delivery> deliveries;
        std::string error;
        auto producer
            = makeProducer({{"bootstrap.servers", m_broker->bootstrapStd()}, {"acks", "all"},
                               {"batch.num.messages", std::to_string(kRecordsPerBatch)}},
                deliveries, error);
        QVERIFY2(producer, error.c_str());
        for (std::int64_t i = from; i < from + count; ++i) {
            QVERIFY(chippy::test::produce(producer.get(), topic, "queue-1", valueOf(i), i));
        }
        QCOMPARE(rd_kafka_flush(producer.get(), kTimeoutMs), RD_KAFKA_RESP_ERR_NO_ERROR);
        for (const auto &d : deliveries) {
            QCOMPARE(d.error, RD_KAFKA_RESP_ERR_NO_ERROR);
        }
    }

    // Fills ORDER far past its retention.bytes and waits until retention has caught up.
    void fillPastRetention()
    {
        const auto error = createTopic(m_broker->bootstrapStd(), "ORDER", 1,
            {{"segment.bytes", std::to_string(kSegmentBytes)},
                {"retention.bytes", std::to_string(kRetentionBytes)}},
            kTimeoutMs);
        QVERIFY2(error.empty(), error.c_str());
        produce("ORDER", 0, kRecords);
        // Settled: what is left holds the limit, and dropping one more segment would break it.
        QTRY_VERIFY_WITH_TIMEOUT(partition("ORDER")->logStartOffset > 0
                && partition("ORDER")->bytes < kRetentionBytes + kSegmentBytes,
            kTimeoutMs);
        const auto p = *partition("ORDER");
        QCOMPARE(p.logEndOffset, kRecords);
        QVERIFY(p.bytes >= kRetentionBytes);
        QVERIFY(p.segments <= std::size_t(kRetentionBytes / (kSegmentBytes / 2) + 2));
    }

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.retentionCheckIntervalMs = kRetentionCheckMs;
        m_broker = std::make_unique<BrokerFixture>(true, config);
    }
    void cleanup() { m_broker.reset(); }

    void oldSegmentsGoAndListOffsetsReportsTheNewLogStart()
    {
        fillPastRetention();
        const auto p = *partition("ORDER");
        const auto [low, high] = watermarks(m_broker->bootstrapStd(), "ORDER", 0, kTimeoutMs);
        QCOMPARE(low, p.logStartOffset);
        QCOMPARE(high, std::int64_t(kRecords));

        const std::filesystem::path dir = m_broker->dataDir().toStdString() + "/ORDER-0";
        QVERIFY(!std::filesystem::exists(dir / "00000000000000000000.log"));
        QVERIFY(!std::filesystem::exists(dir / "00000000000000000000.index"));
        std::size_t logFiles = 0;
        for (const auto &e : std::filesystem::directory_iterator(dir)) {
            logFiles += e.path().extension() == ".log";
        }
        QCOMPARE(logFiles, p.segments);
    }

    void aConsumerAtAnExpiredOffsetWithEarliestGetsTheLogStart()
    {
        fillPastRetention();
        const auto startBefore = partition("ORDER")->logStartOffset;
        PartitionReader reader(m_broker->bootstrapStd(), "ORDER", 0, 0, "earliest");
        QVERIFY2(reader.error().empty(), reader.error().c_str());
        const auto &records = reader.readUntil(kRecords, kTimeoutMs);
        const auto startAfter = partition("ORDER")->logStartOffset;
        QVERIFY(!records.empty());
        QVERIFY(records.front().offset >= startBefore);
        QVERIFY(records.front().offset <= startAfter);
        QCOMPARE(records.back().offset, std::int64_t(kRecords - 1));
        QCOMPARE(records.size(), std::size_t(kRecords - records.front().offset));
        QCOMPARE(records.front().value, valueOf(records.front().offset));
    }

    void aConsumerAtAnExpiredOffsetWithLatestGetsOnlyNewRecords()
    {
        fillPastRetention();
        const auto before = listOffsetsRequests();
        PartitionReader reader(m_broker->bootstrapStd(), "ORDER", 0, 0, "latest");
        QVERIFY2(reader.error().empty(), reader.error().c_str());
        // The reset asks where the log ends; produce only once the broker has answered that.
        QTRY_VERIFY_WITH_TIMEOUT(
            (reader.readUntil(0, 10), listOffsetsRequests() > before), kTimeoutMs);
        produce("ORDER", kRecords, kNewRecords);
        const auto &records = reader.readUntil(kRecords + kNewRecords, kTimeoutMs);
        QCOMPARE(records.size(), std::size_t(kNewRecords));
        QCOMPARE(records.front().offset, std::int64_t(kRecords));
        QCOMPARE(records.back().value, valueOf(kRecords + kNewRecords - 1));
    }

    void timeRetentionEmptiesAnIdleTopic()
    {
        const auto error = createTopic(
            m_broker->bootstrapStd(), "READY", 1, {{"retention.ms", "1000"}}, kTimeoutMs);
        QVERIFY2(error.empty(), error.c_str());
        produce("READY", 0, 50);
        QCOMPARE(partition("READY")->logEndOffset, 50);
        // One segment, never full: it expires as a whole once its newest record is too old.
        QTRY_COMPARE_WITH_TIMEOUT(partition("READY")->logStartOffset, 50, kTimeoutMs);
        QCOMPARE(partition("READY")->bytes, 0);
        QCOMPARE(partition("READY")->segments, std::size_t(1));
        const auto [low, high] = watermarks(m_broker->bootstrapStd(), "READY", 0, kTimeoutMs);
        QCOMPARE(low, 50);
        QCOMPARE(high, 50);
        produce("READY", 50, 1);
        QCOMPARE(partition("READY")->logEndOffset, 51);
    }
};

QTEST_GUILESS_MAIN(TestRetention)
#include "tst_retention.moc"
