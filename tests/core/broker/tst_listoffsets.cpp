#include "batch_builder.h"
#include "broker_api_test.h"
#include "protocol/error_code.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <memory>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::code;
using chippy::broker::ErrorCode;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr std::int16_t kProduceVersion = 7;
constexpr std::int16_t kDeleteRecordsVersion = 1;
constexpr std::int16_t kFirstFlexibleListOffsets = 6;
constexpr std::int64_t kEarliest = -2;
constexpr std::int64_t kMaxTimestamp = -3;
constexpr const char *kTopic = "ORDER";

struct Listed
{
    std::int16_t error = INT16_MIN;
    std::int64_t timestamp = 0;
    std::int64_t offset = 0;
};

std::vector<std::uint8_t> batchStamped(const std::vector<std::int64_t> &timestamps)
{
    std::vector<TestRecord> records;
    for (const auto ts : timestamps) {
        records.push_back({"queue-1", "cod and chips at " + std::to_string(ts), ts});
    }
    return buildBatch(records);
}

} // namespace

// ListOffsets by timestamp, earliest and (v7) newest timestamp, over the wire.
class TestListOffsets : public BrokerApiTest
{
    Q_OBJECT

private:
    bool produce(const std::vector<std::uint8_t> &batch)
    {
        Writer w;
        w.nullString(); // transactional id
        w.i16(-1); // acks=all
        w.i32(10000);
        w.arrayLength(1);
        w.string(kTopic);
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

    Listed list(std::int16_t version, std::int64_t timestamp)
    {
        Writer w(version >= kFirstFlexibleListOffsets);
        w.i32(-1); // replica id
        if (version >= 2) {
            w.i8(0); // isolation level
        }
        w.arrayLength(1);
        w.string(kTopic);
        w.arrayLength(1);
        w.i32(0);
        if (version >= 4) {
            w.i32(-1); // current leader epoch
        }
        w.i64(timestamp);
        w.tags();
        w.tags();
        w.tags();
        Listed listed;
        const auto reply = m_client->call(ApiKey::ListOffsets, version, std::move(w));
        if (!reply) {
            return listed;
        }
        Reader r(*reply, version >= kFirstFlexibleListOffsets);
        if (version >= 2) {
            r.i32(); // throttle time
        }
        r.arrayLength();
        r.string();
        r.arrayLength();
        r.i32();
        listed.error = r.i16();
        listed.timestamp = r.i64();
        listed.offset = r.i64();
        return listed;
    }

    bool deleteRecordsBefore(std::int64_t offset)
    {
        Writer w;
        w.arrayLength(1);
        w.string(kTopic);
        w.arrayLength(1);
        w.i32(0);
        w.i64(offset);
        w.i32(10000);
        const auto reply
            = m_client->call(ApiKey::DeleteRecords, kDeleteRecordsVersion, std::move(w));
        return reply.has_value();
    }

private slots:
    void init()
    {
        start(true);
        QVERIFY(m_client->createTopic(kTopic));
        QVERIFY(produce(batchStamped({100, 200, 300})));
        QVERIFY(produce(batchStamped({400, 900, 500, 900})));
        QVERIFY(produce(batchStamped({600, 700})));
    }

    void versionSevenIsAdvertised()
    {
        const auto reply = m_client->call(ApiKey::ApiVersions, 0, Writer());
        QVERIFY(reply);
        Reader r(*reply);
        QCOMPARE(r.i16(), std::int16_t(0));
        bool found = false;
        r.forEach([&] {
            const auto key = r.i16();
            const auto min = r.i16();
            const auto max = r.i16();
            if (key == static_cast<std::int16_t>(ApiKey::ListOffsets)) {
                found = true;
                QCOMPARE(min, std::int16_t(0));
                QCOMPARE(max, std::int16_t(7));
            }
        });
        QVERIFY(found);
    }

    void theNewestTimestampPointsAtTheFirstRecordCarryingIt()
    {
        const auto newest = list(7, kMaxTimestamp);
        QCOMPARE(newest.error, code(ErrorCode::None));
        QCOMPARE(newest.offset, 4);
        QCOMPARE(newest.timestamp, 900);
    }

    void theNewestTimestampSurvivesARestart()
    {
        m_client.reset();
        m_broker->restart();
        m_client = std::make_unique<WireClient>();
        QVERIFY(m_client->connectTo(m_broker->broker().port()));
        QCOMPARE(list(7, kMaxTimestamp).offset, 4);
        QCOMPARE(list(1, 450).offset, 4);
    }

    void theNewestTimestampIsOnlyForVersionSeven()
    {
        QCOMPARE(list(6, kMaxTimestamp).error, code(ErrorCode::UnsupportedVersion));
    }

    void aTimestampFindsTheFirstRecordAtOrAfterIt_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<qint64>("timestamp");
        QTest::addColumn<qint64>("offset");
        QTest::addColumn<qint64>("foundTimestamp");
        QTest::newRow("v1 before everything") << 1 << qint64(0) << qint64(0) << qint64(100);
        QTest::newRow("v1 between records") << 1 << qint64(150) << qint64(1) << qint64(200);
        QTest::newRow("v2 exact") << 2 << qint64(300) << qint64(2) << qint64(300);
        QTest::newRow("v7 inside a batch") << 7 << qint64(401) << qint64(4) << qint64(900);
        QTest::newRow("v7 out of order stamps") << 7 << qint64(550) << qint64(4) << qint64(900);
        QTest::newRow("v5 a repeated stamp") << 5 << qint64(900) << qint64(4) << qint64(900);
        QTest::newRow("v7 after everything") << 7 << qint64(901) << qint64(-1) << qint64(-1);
    }

    void aTimestampFindsTheFirstRecordAtOrAfterIt()
    {
        QFETCH(int, version);
        QFETCH(qint64, timestamp);
        QFETCH(qint64, offset);
        QFETCH(qint64, foundTimestamp);
        const auto listed = list(static_cast<std::int16_t>(version), timestamp);
        QCOMPARE(listed.error, code(ErrorCode::None));
        QCOMPARE(listed.offset, offset);
        QCOMPARE(listed.timestamp, foundTimestamp);
    }

    void earliestAndTimestampsFollowDeletedRecords()
    {
        QCOMPARE(list(7, kEarliest).offset, 0);
        QVERIFY(deleteRecordsBefore(5));
        QCOMPARE(list(7, kEarliest).offset, 5);
        const auto afterDelete = list(1, 150);
        QCOMPARE(afterDelete.offset, 5);
        QCOMPARE(afterDelete.timestamp, 500);
        // The first 900 is gone; the second one is now the newest record.
        QCOMPARE(list(7, kMaxTimestamp).offset, 6);
    }
};

QTEST_GUILESS_MAIN(TestListOffsets)
#include "tst_listoffsets.moc"
