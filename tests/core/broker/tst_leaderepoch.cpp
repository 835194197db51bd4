#include "batch_builder.h"
#include "broker_api_test.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <memory>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr std::int16_t kUnknownTopicOrPartition = 3;
constexpr std::int16_t kFencedLeaderEpoch = 74;
constexpr std::int16_t kUnknownLeaderEpoch = 75;
constexpr std::int16_t kFirstFlexibleVersion = 4;
constexpr std::int32_t kNoEpoch = -1;
constexpr const char *kTopic = "ORDER";

struct EpochEnd
{
    std::int16_t error = INT16_MIN;
    std::int32_t partition = -1;
    std::int32_t leaderEpoch = INT32_MIN;
    std::int64_t endOffset = INT64_MIN;
};

struct Asked
{
    std::string topic;
    std::int32_t partition = 0;
    std::int32_t leaderEpoch = 0;
    std::int32_t currentLeaderEpoch = kNoEpoch;
};

} // namespace

// OffsetForLeaderEpoch, with which Java consumers (KIP-320) and librdkafka 2.1+ check their
// positions after a leader change: this broker has one epoch, 0, that never ended.
class TestLeaderEpoch : public BrokerApiTest
{
    Q_OBJECT

private:
    bool produceThreeRecords()
    {
        Writer w;
        w.nullString(); // transactional id
        w.i16(-1);
        w.i32(10000);
        w.arrayLength(1);
        w.string(kTopic);
        w.arrayLength(1);
        w.i32(0);
        w.bytes(buildBatch({{"q1", "cod"}, {"q2", "plaice"}, {"q3", "haddock"}}));
        const auto reply = m_client->call(ApiKey::Produce, 7, std::move(w));
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

    std::vector<EpochEnd> ask(std::int16_t version, const std::vector<Asked> &partitions)
    {
        const bool flexible = version >= kFirstFlexibleVersion;
        Writer w(flexible);
        if (version >= 3) {
            w.i32(-1); // replica id: a consumer
        }
        w.arrayLength(partitions.size());
        for (const auto &p : partitions) {
            w.string(p.topic);
            w.arrayLength(1);
            w.i32(p.partition);
            if (version >= 2) {
                w.i32(p.currentLeaderEpoch);
            }
            w.i32(p.leaderEpoch);
            w.tags();
            w.tags();
        }
        w.tags();
        std::vector<EpochEnd> ends;
        const auto reply = m_client->call(ApiKey::OffsetForLeaderEpoch, version, std::move(w));
        if (!reply) {
            return ends;
        }
        Reader r(*reply, flexible);
        if (version >= 2) {
            r.i32(); // throttle time
        }
        r.forEach([&] {
            r.string();
            r.forEach([&] {
                EpochEnd e;
                e.error = r.i16();
                e.partition = r.i32();
                if (version >= 1) {
                    e.leaderEpoch = r.i32();
                }
                e.endOffset = r.i64();
                r.skipTags();
                ends.push_back(e);
            });
            r.skipTags();
        });
        r.skipTags();
        return r.atEnd() ? ends : std::vector<EpochEnd> {};
    }

    EpochEnd askOne(std::int16_t version, const Asked &asked)
    {
        const auto ends = ask(version, {asked});
        return ends.size() == 1 ? ends.front() : EpochEnd {};
    }

private slots:
    void init()
    {
        start();
        QVERIFY(m_client->createTopic(kTopic));
        QVERIFY(produceThreeRecords());
    }

    void theCurrentEpochEndsAtTheLogEnd_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 0; v <= 4; ++v) {
            QTest::newRow(qPrintable("v" + QString::number(v))) << v;
        }
    }

    void theCurrentEpochEndsAtTheLogEnd()
    {
        QFETCH(int, version);
        const auto e = askOne(std::int16_t(version), {kTopic, 0, 0, 0});
        QCOMPARE(e.error, std::int16_t(0));
        QCOMPARE(e.partition, 0);
        if (version >= 1) {
            QCOMPARE(e.leaderEpoch, 0);
        }
        QCOMPARE(e.endOffset, std::int64_t(3));
    }

    void aLaterEpochHasNotEndedEither()
    {
        const auto e = askOne(4, {kTopic, 0, 5});
        QCOMPARE(e.error, std::int16_t(0));
        QCOMPARE(e.leaderEpoch, 0);
        QCOMPARE(e.endOffset, std::int64_t(3));
    }

    void anUndefinedEpochHasNoEnd()
    {
        const auto e = askOne(4, {kTopic, 0, kNoEpoch});
        QCOMPARE(e.error, std::int16_t(0));
        QCOMPARE(e.leaderEpoch, kNoEpoch);
        QCOMPARE(e.endOffset, std::int64_t(-1));
    }

    void unknownPartitionsAndForeignLeaderEpochsAreRefused()
    {
        const auto ends = ask(
            4, {{kTopic, 9, 0}, {"no-such-topic", 0, 0}, {kTopic, 0, 0, 3}, {kTopic, 0, 0, -7}});
        QCOMPARE(ends.size(), std::size_t(4));
        QCOMPARE(ends[0].error, kUnknownTopicOrPartition);
        QCOMPARE(ends[0].partition, 9);
        QCOMPARE(ends[1].error, kUnknownTopicOrPartition);
        QCOMPARE(ends[2].error, kUnknownLeaderEpoch);
        QCOMPARE(ends[3].error, kFencedLeaderEpoch);
        for (const auto &e : ends) {
            QCOMPARE(e.endOffset, std::int64_t(-1));
        }
    }
};

QTEST_GUILESS_MAIN(TestLeaderEpoch)
#include "tst_leaderepoch.moc"
