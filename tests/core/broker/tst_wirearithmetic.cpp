// Arithmetic on values taken from the wire or the disk: each case is a finding of the review
// or of the fuzzers, which once overflowed (undefined behaviour; an abort under UBSan).
#include "batch_builder.h"
#include "log/batch_records.h"
#include "producers/producer_state.h"
#include "protocol/crc32c.h"
#include "protocol/reader.h"
#include "protocol/record_batch.h"
#include "protocol/records.h"

#include <QTest>

#include <limits>

using namespace chippy::broker;
using chippy::test::buildBatch;

namespace {

constexpr std::int64_t kInt64Max = std::numeric_limits<std::int64_t>::max();
constexpr std::int32_t kInt32Max = std::numeric_limits<std::int32_t>::max();

void resign(std::vector<std::uint8_t> &batch)
{
    const auto crc = crc32c(std::span(batch).subspan(RecordBatchHeader::kAttributesOffset));
    for (int i = 0; i < 4; ++i) {
        batch[RecordBatchHeader::kCrcOffset + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
    }
}

void put32(std::vector<std::uint8_t> &bytes, std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i) {
        bytes[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
    }
}

void put64(std::vector<std::uint8_t> &bytes, std::size_t at, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i) {
        bytes[at + i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
    }
}

constexpr std::size_t kLastOffsetDeltaAt = 23;
constexpr std::size_t kBaseTimestampAt = 27;
constexpr std::size_t kProducerIdAt = 43;
constexpr std::size_t kRecordCountAt = 57;

// The one batch a record set holds, validated; fails the test when it does not validate.
BatchView onlyBatch(const std::vector<std::uint8_t> &bytes)
{
    std::string why;
    const auto views = splitAndValidateBatches(bytes, why);
    if (views.size() != 1) {
        qFatal("the batch does not validate: %s", why.c_str());
    }
    return views.front();
}

} // namespace

class TestWireArithmetic : public QObject
{
    Q_OBJECT

private slots:
    void aBatchHeaderWithALastOffsetDeltaOfInt32MaxFailsOnItsCrcNotOnAnOverflow()
    {
        // The batch of the 96-byte Produce request: header only, one record claimed.
        auto batch = buildBatch({{"k", "v", 0}});
        batch.resize(RecordBatchHeader::kSize);
        put32(batch, 8, RecordBatchHeader::kSize - RecordBatchHeader::kLogOverhead);
        put32(batch, kLastOffsetDeltaAt, kInt32Max);
        std::string why;
        QVERIFY(splitAndValidateBatches(batch, why).empty());
        QCOMPARE(why, std::string("batch CRC mismatch"));
        QCOMPARE(validPrefixLength(batch), std::size_t {0});
    }

    void aLastOffsetDeltaThatDisagreesWithTheCountIsAnInvalidRecord()
    {
        auto batch = buildBatch({{"k", "v", 0}});
        put32(batch, kLastOffsetDeltaAt, kInt32Max);
        resign(batch);
        const auto why = invalidProducedBatch(onlyBatch(batch));
        QVERIFY(why);
        QVERIFY2(why->find("does not match 1 records") != std::string::npos, why->c_str());
    }

    void aBatchWithoutRecordsIsAnInvalidRecord()
    {
        QVERIFY(invalidProducedBatch(onlyBatch(buildBatch({}))));
    }

    void recordsThatDoNotFillTheBatchAreAnInvalidRecord()
    {
        auto batch = buildBatch({{"k", "v", 0}, {"k", "v", 0}});
        put32(batch, kRecordCountAt, 1);
        put32(batch, kLastOffsetDeltaAt, 0);
        resign(batch);
        const auto why = invalidProducedBatch(onlyBatch(batch));
        QVERIFY(why);
        QVERIFY2(why->find("follow the last record") != std::string::npos, why->c_str());
    }

    void aRecordTimestampBeyondInt64IsAnInvalidRecord()
    {
        auto batch = buildBatch({{"k", "v", 0}, {"k", "v", 5}});
        put64(batch, kBaseTimestampAt, static_cast<std::uint64_t>(kInt64Max - 2));
        resign(batch);
        const auto view = onlyBatch(batch);
        const auto why = invalidProducedBatch(view);
        QVERIFY(why);
        QVERIFY2(why->find("timestamp out of range") != std::string::npos, why->c_str());
        // A batch stored before this check is answered as a whole, not summed record by record.
        const auto found = firstRecordAtOrAfter(view.bytes, view.header, 0, 0);
        QVERIFY(found);
        QCOMPARE(found->offset, std::int64_t {0});
        QVERIFY(newestRecord(view.bytes, view.header, 0));
    }

    void theLastOffsetOfAHostileHeaderSaturatesInsteadOfOverflowing()
    {
        RecordBatchHeader h;
        h.baseOffset = kInt64Max;
        h.lastOffsetDelta = kInt32Max;
        QCOMPARE(h.lastOffset(), RecordBatchHeader::kMaxOffset);
        QVERIFY(!h.offsetsInRange());
        h.baseOffset = std::numeric_limits<std::int64_t>::min();
        h.lastOffsetDelta = -1;
        QCOMPARE(h.lastOffset(), std::numeric_limits<std::int64_t>::min());
        h.batchLength = -100;
        QCOMPARE(h.totalSize(), RecordBatchHeader::kLogOverhead);
    }

    void aStoredBatchWhoseOffsetsRunPastInt64EndsTheValidPrefix()
    {
        auto first = buildBatch({{"k", "v", 0}});
        auto second = buildBatch({{"k", "v", 0}});
        put64(second, 0, static_cast<std::uint64_t>(kInt64Max));
        std::vector<std::uint8_t> log = first;
        log.insert(log.end(), second.begin(), second.end());
        std::string why;
        QCOMPARE(validPrefixLength(log, &why), first.size());
        QVERIFY2(why.find("out of range") != std::string::npos, why.c_str());
    }

    void aProducerIdOfInt64MaxDoesNotOverflowTheNextGrantedId()
    {
        auto batch = buildBatch({{"k", "v", 0}}, kInt64Max, 0, 0);
        const auto view = onlyBatch(batch);
        ProducerStateTable table;
        QCOMPARE(table.check("t", 0, view.header).error, ErrorCode::None);
        table.record("t", 0, view.header, 0, 0);
        const auto grant = table.initProducer(std::nullopt, 0);
        QCOMPARE(grant.error, ErrorCode::None);
        QVERIFY(grant.producer.producerId >= 0);
        QVERIFY(grant.producer.producerId < kInt64Max);
    }

    void aCompactStringOfLength4GiBIsAnErrorNotANullString()
    {
        // Compact length 0xFFFFFFFF means 2^32 - 2 bytes: in 32 bits it once passed for -1.
        const std::vector<std::uint8_t> bytes {0xff, 0xff, 0xff, 0xff, 0x0f};
        Reader r(bytes, true);
        QVERIFY_THROWS_EXCEPTION(DecodeError, r.nullableString());
    }

    void recordsDecodeAndEncodeBackToTheSameBytes()
    {
        const auto batch = buildBatch({{"q1", "cod", 1000}, {"", "chips", 1004}});
        const auto view = onlyBatch(batch);
        const auto records = decodeRecords(view.bytes, view.header);
        QCOMPARE(records.size(), std::size_t {2});
        QCOMPARE(records[1].offsetDelta, 1);
        QCOMPARE(records[1].timestampDelta, std::int64_t {4});
        QCOMPARE(encodeBatch(view.header, records), batch);
        QVERIFY(!invalidProducedBatch(view));
    }
};

QTEST_GUILESS_MAIN(TestWireArithmetic)
#include "tst_wirearithmetic.moc"
