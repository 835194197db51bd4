#include "batch_builder.h"
#include "log/partition_log.h"
#include "protocol/crc32c.h"
#include "protocol/record_batch.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <memory>

using namespace chippy::broker;
using chippy::test::buildBatch;
using chippy::test::TestRecord;

namespace {

constexpr std::int64_t kAllBytes = 1LL << 40;

// One batch of n records, each with its own timestamp from timestamps (or firstTimestamp + i).
std::vector<std::uint8_t> batchOf(int n, std::int64_t firstTimestamp, int valueBytes = 20)
{
    std::vector<TestRecord> records;
    for (int i = 0; i < n; ++i) {
        records.push_back(
            {"k" + std::to_string(i), std::string(valueBytes, 'v'), firstTimestamp + i});
    }
    return buildBatch(records);
}

std::vector<std::uint8_t> batchWithTimestamps(const std::vector<std::int64_t> &timestamps)
{
    std::vector<TestRecord> records;
    for (const auto ts : timestamps) {
        records.push_back({"k", "chips", ts});
    }
    return buildBatch(records);
}

// Marks a batch as gzip-compressed (its records then stay opaque to the log) and re-signs it.
std::vector<std::uint8_t> markedCompressed(std::vector<std::uint8_t> batch)
{
    batch[RecordBatchHeader::kAttributesOffset + 1] |= 0x01;
    const auto crc = crc32c(std::span(batch).subspan(RecordBatchHeader::kAttributesOffset));
    for (int i = 0; i < 4; ++i) {
        batch[RecordBatchHeader::kCrcOffset + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
    }
    return batch;
}

// What the log writes into a batch besides its base offset: leader epoch 0, which lies
// outside what the CRC covers.
void stampLeaderEpoch(std::vector<std::uint8_t> &batch)
{
    constexpr std::size_t kLeaderEpochOffset = RecordBatchHeader::kLogOverhead;
    for (std::size_t i = 0; i < sizeof(std::int32_t); ++i) {
        batch[kLeaderEpochOffset + i] = 0;
    }
}

std::int64_t append(PartitionLog &log, std::vector<std::uint8_t> batch)
{
    return log.append(batch);
}

struct ReadBatch
{
    std::int64_t baseOffset;
    std::int64_t lastOffset;
};

std::vector<ReadBatch> readBatches(
    const PartitionLog &log, std::int64_t offset, std::int64_t maxBytes = kAllBytes)
{
    std::vector<std::uint8_t> out;
    log.read(offset, maxBytes, out, true);
    std::string why;
    const auto views = splitAndValidateBatches(out, why);
    std::vector<ReadBatch> batches;
    for (const auto &v : views) {
        batches.push_back({v.header.baseOffset, v.header.lastOffset()});
    }
    if (!out.empty() && views.empty()) {
        qWarning("read returned bytes that are not whole valid batches: %s", why.c_str());
    }
    return batches;
}

// True when the batches hold every offset from first to end - 1 exactly once, in order.
bool coversContiguously(const std::vector<ReadBatch> &batches, std::int64_t first, std::int64_t end)
{
    std::int64_t next = first;
    for (const auto &b : batches) {
        if (b.baseOffset > next || b.lastOffset < next) {
            return false;
        }
        next = b.lastOffset + 1;
    }
    return next == end;
}

std::filesystem::path segmentFile(
    const std::filesystem::path &dir, std::int64_t base, const char *extension)
{
    char name[32];
    std::snprintf(name, sizeof name, "%020lld", static_cast<long long>(base));
    return dir / (std::string(name) + extension);
}

void appendBytes(const std::filesystem::path &file, const QByteArray &bytes)
{
    QFile f(QString::fromStdString(file.string()));
    QVERIFY(f.open(QIODevice::Append));
    QCOMPARE(f.write(bytes), bytes.size());
}

} // namespace

class TestPartitionLog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    std::filesystem::path dir() const { return m_dir->filePath("fish-0").toStdString(); }

    PartitionLog::Options options(bool persistent, std::int64_t segmentBytes = 64 << 20) const
    {
        PartitionLog::Options o;
        if (persistent) {
            o.dir = dir();
        }
        o.segmentBytes = segmentBytes;
        return o;
    }

    static void addModes()
    {
        QTest::addColumn<bool>("persistent");
        QTest::newRow("in memory") << false;
        QTest::newRow("in segment files") << true;
    }

private slots:
    void init() { m_dir = std::make_unique<QTemporaryDir>(); }
    void cleanup() { m_dir.reset(); }

    void appendedBatchesGetConsecutiveOffsetsAndReadBack_data() { addModes(); }
    void appendedBatchesGetConsecutiveOffsetsAndReadBack()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent));
        QCOMPARE(append(log, batchOf(3, 1000)), 0);
        QCOMPARE(append(log, batchOf(1, 2000)), 3);
        QCOMPARE(append(log, batchOf(5, 3000)), 4);
        QCOMPARE(log.logStartOffset(), 0);
        QCOMPARE(log.logEndOffset(), 9);

        const auto all = readBatches(log, 0);
        QCOMPARE(all.size(), std::size_t(3));
        QVERIFY(coversContiguously(all, 0, 9));
        // A read starts at the batch holding the offset.
        const auto fromMiddle = readBatches(log, 5);
        QCOMPARE(fromMiddle.size(), std::size_t(1));
        QCOMPARE(fromMiddle[0].baseOffset, 4);
        QVERIFY(readBatches(log, 9).empty());
        QCOMPARE(log.sizeBytes(),
            std::int64_t(
                batchOf(3, 1000).size() + batchOf(1, 2000).size() + batchOf(5, 3000).size()));
    }

    void appendedBatchesCarryLeaderEpochZeroAndAValidCrc_data() { addModes(); }
    void appendedBatchesCarryLeaderEpochZeroAndAValidCrc()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent));
        const auto produced = batchOf(2, 1000);
        QCOMPARE(RecordBatchHeader::parse(produced).partitionLeaderEpoch, -1);
        append(log, produced);
        std::vector<std::uint8_t> out;
        log.read(0, kAllBytes, out, true);
        std::string why;
        const auto views = splitAndValidateBatches(out, why);
        QVERIFY2(views.size() == 1, why.c_str());
        QCOMPARE(views[0].header.partitionLeaderEpoch, PartitionLog::kLeaderEpoch);
        QCOMPARE(views[0].header.crc, RecordBatchHeader::parse(produced).crc);
    }

    void aReadStopsAtWholeBatchesWithinMaxBytes_data() { addModes(); }
    void aReadStopsAtWholeBatchesWithinMaxBytes()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent));
        const auto one = static_cast<std::int64_t>(batchOf(2, 1).size());
        for (int i = 0; i < 10; ++i) {
            append(log, batchOf(2, 1));
        }
        QCOMPARE(readBatches(log, 0, 3 * one + one / 2).size(), std::size_t(3));
        // Smaller than one batch: the first still comes, or a large batch could never be read.
        QCOMPARE(readBatches(log, 4, one / 2).size(), std::size_t(1));
        std::vector<std::uint8_t> out;
        log.read(4, one / 2, out, false);
        QVERIFY(out.empty());
    }

    void segmentFilesHoldTheBatchesAsAppendedButForOffsetAndLeaderEpoch()
    {
        PartitionLog log(options(true));
        auto first = batchOf(4, 500);
        auto second = batchOf(2, 600);
        append(log, first);
        append(log, second);
        QFile file(QString::fromStdString(segmentFile(dir(), 0, ".log").string()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray bytes = file.readAll();
        rewriteBaseOffset(second, 4);
        stampLeaderEpoch(first);
        stampLeaderEpoch(second);
        QByteArray expected(reinterpret_cast<const char *>(first.data()), first.size());
        expected.append(reinterpret_cast<const char *>(second.data()), second.size());
        QCOMPARE(bytes, expected);
    }

    void aNewSegmentIsRolledAtSegmentBytes_data() { addModes(); }
    void aNewSegmentIsRolledAtSegmentBytes()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent, 2048));
        const auto batchBytes = batchOf(5, 10).size();
        for (int i = 0; i < 40; ++i) {
            append(log, batchOf(5, 10 + i));
        }
        const auto perSegment = 2048 / batchBytes;
        QCOMPARE(log.segmentCount(), (40 + perSegment - 1) / perSegment);
        QVERIFY(coversContiguously(readBatches(log, 0), 0, 200));
        QVERIFY(coversContiguously(readBatches(log, 123), 120, 200));
        if (persistent) {
            QVERIFY(std::filesystem::exists(segmentFile(dir(), 0, ".log")));
            const auto secondBase = static_cast<std::int64_t>(perSegment * 5);
            QVERIFY(std::filesystem::exists(segmentFile(dir(), secondBase, ".log")));
            QVERIFY(std::filesystem::file_size(segmentFile(dir(), secondBase, ".log")) <= 2048);
        }
    }

    void everyOffsetIsFoundThroughTheSparseIndex_data() { addModes(); }
    void everyOffsetIsFoundThroughTheSparseIndex()
    {
        QFETCH(bool, persistent);
        auto o = options(persistent, 1 << 20);
        o.indexIntervalBytes = 512;
        PartitionLog log(o);
        for (int i = 0; i < 3000; ++i) {
            append(log, batchOf(1 + i % 3, i));
        }
        const auto end = log.logEndOffset();
        for (std::int64_t offset = 0; offset < end; ++offset) {
            const auto batches = readBatches(log, offset, 1);
            QCOMPARE(batches.size(), std::size_t(1));
            QVERIFY2(batches[0].baseOffset <= offset && offset <= batches[0].lastOffset,
                qPrintable(QString::number(offset)));
        }
        if (persistent) {
            const auto indexBytes = std::filesystem::file_size(segmentFile(dir(), 0, ".index"));
            const auto logBytes = std::filesystem::file_size(segmentFile(dir(), 0, ".log"));
            QCOMPARE(indexBytes % 8, std::uintmax_t(0));
            // One entry per interval of batches, give or take the batch that crosses it.
            QVERIFY(indexBytes / 8 >= logBytes / 700);
            QVERIFY(indexBytes / 8 <= logBytes / 512);
        }
    }

    void reopeningRecoversOffsetsSegmentsAndData()
    {
        std::int64_t size = 0;
        {
            PartitionLog log(options(true, 4096));
            for (int i = 0; i < 100; ++i) {
                append(log, batchOf(3, 1000 + i));
            }
            size = log.sizeBytes();
        }
        PartitionLog log(options(true, 4096));
        QCOMPARE(log.logStartOffset(), 0);
        QCOMPARE(log.logEndOffset(), 300);
        QCOMPARE(log.sizeBytes(), size);
        const auto perSegment = 4096 / batchOf(3, 1000).size();
        QCOMPARE(log.segmentCount(), (100 + perSegment - 1) / perSegment);
        QVERIFY(coversContiguously(readBatches(log, 0), 0, 300));
        QCOMPARE(append(log, batchOf(1, 5000)), 300);
    }

    void aTornBatchAtTheEndIsCutOnReopen()
    {
        std::uintmax_t goodSize = 0;
        {
            PartitionLog log(options(true));
            for (int i = 0; i < 5; ++i) {
                append(log, batchOf(2, i));
            }
            goodSize = std::filesystem::file_size(segmentFile(dir(), 0, ".log"));
        }
        auto half = batchOf(4, 99);
        rewriteBaseOffset(half, 10);
        appendBytes(segmentFile(dir(), 0, ".log"),
            QByteArray(reinterpret_cast<const char *>(half.data()), half.size() / 2));

        PartitionLog log(options(true));
        QCOMPARE(log.logEndOffset(), 10);
        QCOMPARE(std::filesystem::file_size(segmentFile(dir(), 0, ".log")), goodSize);
        QCOMPARE(append(log, batchOf(1, 100)), 10);
        QVERIFY(coversContiguously(readBatches(log, 0), 0, 11));
    }

    void garbageAfterTheLastBatchIsCutOnReopen()
    {
        {
            PartitionLog log(options(true, 2048));
            for (int i = 0; i < 30; ++i) {
                append(log, batchOf(2, i));
            }
        }
        std::filesystem::path newest;
        for (const auto &e : std::filesystem::directory_iterator(dir())) {
            if (e.path().extension() == ".log" && (newest.empty() || e.path() > newest)) {
                newest = e.path();
            }
        }
        appendBytes(newest, QByteArray(300, '\x5a'));
        PartitionLog log(options(true, 2048));
        QCOMPARE(log.logEndOffset(), 60);
        QVERIFY(coversContiguously(readBatches(log, 0), 0, 60));
    }

    void aCorruptBatchEndsTheNewestSegmentThere()
    {
        std::vector<std::uintmax_t> ends;
        {
            PartitionLog log(options(true));
            for (int i = 0; i < 5; ++i) {
                append(log, batchOf(2, i));
                ends.push_back(std::filesystem::file_size(segmentFile(dir(), 0, ".log")));
            }
        }
        {
            QFile f(QString::fromStdString(segmentFile(dir(), 0, ".log").string()));
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.seek(static_cast<qint64>(ends[2]) - 3)); // inside the third batch's records
            QVERIFY(f.putChar('\x7f'));
        }
        PartitionLog log(options(true));
        QCOMPARE(log.logEndOffset(), 4);
        QCOMPARE(std::filesystem::file_size(segmentFile(dir(), 0, ".log")), ends[1]);
    }

    void aDamagedIndexOfAnOlderSegmentIsRebuilt_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("garbage") << "garbage";
        QTest::newRow("cut short") << "cut short";
        QTest::newRow("deleted") << "deleted";
    }
    void aDamagedIndexOfAnOlderSegmentIsRebuilt()
    {
        QFETCH(QString, damage);
        auto o = options(true, 8192);
        o.indexIntervalBytes = 256;
        {
            PartitionLog log(o);
            for (int i = 0; i < 200; ++i) {
                append(log, batchOf(1 + i % 4, 10 * i));
            }
        }
        const auto index = segmentFile(dir(), 0, ".index");
        QFile file(QString::fromStdString(index.string()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray good = file.readAll();
        file.close();
        QVERIFY(good.size() >= 32);
        if (damage == "garbage") {
            std::filesystem::resize_file(index, 0);
            appendBytes(index, QByteArray(good.size(), '\x11'));
        } else if (damage == "cut short") {
            std::filesystem::resize_file(index, good.size() / 2);
        } else {
            std::filesystem::remove(index);
        }

        PartitionLog log(o);
        QVERIFY(log.segmentCount() > 2);
        for (std::int64_t offset = 0; offset < log.logEndOffset(); offset += 7) {
            const auto batches = readBatches(log, offset, 1);
            QCOMPARE(batches.size(), std::size_t(1));
            QVERIFY(batches[0].baseOffset <= offset && offset <= batches[0].lastOffset);
        }
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), good);
    }

    void retentionBySizeDropsTheOldestWholeSegments_data() { addModes(); }
    void retentionBySizeDropsTheOldestWholeSegments()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent, 2048));
        for (int i = 0; i < 50; ++i) {
            append(log, batchOf(5, 1000));
        }
        const auto segments = log.segmentCount();
        const auto batchBytes = static_cast<std::int64_t>(batchOf(5, 1000).size());
        const auto removed = log.enforceRetention(2000, -1, 4096);
        QVERIFY(removed > 0);
        QVERIFY(log.segmentCount() < segments);
        // What is left still holds the limit, and one segment fewer would not.
        QVERIFY(log.sizeBytes() >= 4096);
        QVERIFY(log.sizeBytes() < 4096 + 2048);
        QCOMPARE(log.sizeBytes() % batchBytes, std::int64_t(0));
        QCOMPARE(log.logStartOffset(), 250 - 5 * log.sizeBytes() / batchBytes);
        QVERIFY(
            coversContiguously(readBatches(log, log.logStartOffset()), log.logStartOffset(), 250));
        QCOMPARE(log.enforceRetention(2000, -1, 4096), std::int64_t(0));
        if (persistent) {
            QVERIFY(!std::filesystem::exists(segmentFile(dir(), 0, ".log")));
            QVERIFY(!std::filesystem::exists(segmentFile(dir(), 0, ".index")));
            QVERIFY(std::filesystem::exists(segmentFile(dir(), log.logStartOffset(), ".log")));
        }
    }

    void retentionByTimeDropsSegmentsWhoseRecordsAreAllOld_data() { addModes(); }
    void retentionByTimeDropsSegmentsWhoseRecordsAreAllOld()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent, 2048));
        for (int i = 0; i < 30; ++i) {
            append(log, batchOf(5, 1000 + 100 * i)); // timestamps 1000 .. 3904
        }
        const auto segments = log.segmentCount();
        QCOMPARE(log.enforceRetention(2000, 5000, -1), std::int64_t(0));
        // At 4500 with 2000 ms retention, records up to 2500 are expired.
        QVERIFY(log.enforceRetention(4500, 2000, -1) > 0);
        QVERIFY(log.segmentCount() < segments);
        const auto start = log.logStartOffset();
        QVERIFY(start > 0);
        QVERIFY(start <= 5 * 15); // the batch stamped 2500..2504 is not expired
        QCOMPARE(start % 5, std::int64_t(0));
        const auto earliest = log.offsetForTimestamp(0);
        QVERIFY(earliest);
        QCOMPARE(earliest->offset, start);
        QCOMPARE(earliest->timestamp, 1000 + 100 * (start / 5));
    }

    void retentionByTimeEmptiesAnIdleLogAndOffsetsCarryOn_data() { addModes(); }
    void retentionByTimeEmptiesAnIdleLogAndOffsetsCarryOn()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent));
        append(log, batchOf(7, 1000));
        QCOMPARE(log.segmentCount(), std::size_t(1));
        QVERIFY(log.enforceRetention(100000, 1000, -1) > 0);
        QCOMPARE(log.logStartOffset(), 7);
        QCOMPARE(log.logEndOffset(), 7);
        QCOMPARE(log.sizeBytes(), std::int64_t(0));
        QCOMPARE(log.segmentCount(), std::size_t(1));
        QCOMPARE(append(log, batchOf(1, 100000)), 7);
        QVERIFY(coversContiguously(readBatches(log, 7), 7, 8));
    }

    void truncateBeforeMovesTheLogStartAndDropsSegmentsBelowIt_data() { addModes(); }
    void truncateBeforeMovesTheLogStartAndDropsSegmentsBelowIt()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent, 2048));
        for (int i = 0; i < 40; ++i) {
            append(log, batchOf(5, i));
        }
        const auto segments = log.segmentCount();
        log.truncateBefore(103);
        QCOMPARE(log.logStartOffset(), 103);
        QVERIFY(log.segmentCount() < segments);
        const auto batches = readBatches(log, 103);
        QCOMPARE(batches.front().baseOffset, 100);
        log.truncateBefore(50); // never backwards
        QCOMPARE(log.logStartOffset(), 103);
        log.truncateBefore(1000); // at most to the end
        QCOMPARE(log.logStartOffset(), 200);
        QCOMPARE(log.logEndOffset(), 200);
        QCOMPARE(append(log, batchOf(1, 1)), 200);
    }

    void theLogStartSurvivesReopening()
    {
        {
            PartitionLog log(options(true, 2048));
            for (int i = 0; i < 40; ++i) {
                append(log, batchOf(5, i));
            }
            log.truncateBefore(77);
        }
        {
            PartitionLog log(options(true, 2048));
            QCOMPARE(log.logStartOffset(), 77);
            QCOMPARE(log.logEndOffset(), 200);
            QVERIFY(log.enforceRetention(0, -1, 2048) > 0);
        }
        PartitionLog log(options(true, 2048));
        QVERIFY(log.logStartOffset() > 77);
        QCOMPARE(log.logEndOffset(), 200);
        QVERIFY(log.sizeBytes() < 2 * 2048);
        QVERIFY(
            coversContiguously(readBatches(log, log.logStartOffset()), log.logStartOffset(), 200));
    }

    void anEmptiedLogReopensAtItsEnd()
    {
        {
            PartitionLog log(options(true));
            append(log, batchOf(9, 10));
            log.enforceRetention(1000000, 1, -1);
        }
        PartitionLog log(options(true));
        QCOMPARE(log.logStartOffset(), 9);
        QCOMPARE(log.logEndOffset(), 9);
        QCOMPARE(append(log, batchOf(1, 10)), 9);
    }

    void offsetForTimestampFindsTheExactRecord_data() { addModes(); }
    void offsetForTimestampFindsTheExactRecord()
    {
        QFETCH(bool, persistent);
        PartitionLog log(options(persistent));
        append(log, batchWithTimestamps({100, 200, 300}));
        append(log, batchWithTimestamps({400, 350, 500}));
        const auto at = [&](std::int64_t ts) { return log.offsetForTimestamp(ts); };
        QCOMPARE(at(0)->offset, 0);
        QCOMPARE(at(100)->offset, 0);
        QCOMPARE(at(150)->offset, 1);
        QCOMPARE(at(150)->timestamp, 200);
        QCOMPARE(at(300)->offset, 2);
        QCOMPARE(at(301)->offset, 3);
        QCOMPARE(at(301)->timestamp, 400);
        QCOMPARE(at(450)->offset, 5);
        QCOMPARE(at(450)->timestamp, 500);
        QVERIFY(!at(501));
        log.truncateBefore(2);
        QCOMPARE(at(150)->offset, 2);
        QCOMPARE(at(150)->timestamp, 300);
    }

    void offsetForTimestampAnswersCompressedBatchesByTheBatch()
    {
        PartitionLog log(options(true));
        append(log, batchWithTimestamps({100, 200}));
        append(log, markedCompressed(batchWithTimestamps({300, 400, 500})));
        const auto found = log.offsetForTimestamp(450);
        QVERIFY(found);
        QCOMPARE(found->offset, 2);
        QCOMPARE(found->timestamp, 500);
        QCOMPARE(log.offsetForTimestamp(150)->offset, 1);
    }

    void offsetForTimestampUsesTheTimeIndexAcrossReopenedSegments()
    {
        auto o = options(true, 4096);
        o.indexIntervalBytes = 256;
        {
            PartitionLog log(o);
            for (int i = 0; i < 300; ++i) {
                append(log, batchOf(2, 10 * i, 40)); // record 2i stamped 10i, record 2i+1 10i+1
            }
        }
        PartitionLog log(o);
        QVERIFY(log.segmentCount() > 5);
        for (const std::int64_t ts : {0, 5, 1234, 1239, 2990, 2991}) {
            const auto found = log.offsetForTimestamp(ts);
            QVERIFY(found);
            const auto expected = ts % 10 == 0 ? 2 * (ts / 10)
                : ts % 10 == 1                 ? 2 * (ts / 10) + 1
                                               : 2 * (ts / 10 + 1);
            QCOMPARE(found->offset, expected);
            QVERIFY(found->timestamp >= ts);
        }
        QVERIFY(!log.offsetForTimestamp(2992));
    }

    void newestRecordIsTheFirstWithTheLargestTimestamp_data() { addModes(); }
    void newestRecordIsTheFirstWithTheLargestTimestamp()
    {
        QFETCH(bool, persistent);
        auto o = options(persistent, 1024);
        PartitionLog log(o);
        QVERIFY(!log.newestRecord());
        append(log, batchWithTimestamps({5, 9, 3}));
        for (int i = 0; i < 20; ++i) {
            append(log, batchOf(3, 10 + i));
        }
        append(log, batchWithTimestamps({700, 800, 800, 20}));
        for (int i = 0; i < 20; ++i) {
            append(log, batchOf(3, 100 + i));
        }
        QVERIFY(log.segmentCount() > 3);
        const auto newest = log.newestRecord();
        QVERIFY(newest);
        QCOMPARE(newest->offset, 3 + 60 + 1);
        QCOMPARE(newest->timestamp, 800);
        if (persistent) {
            PartitionLog reopened(o);
            QCOMPARE(reopened.newestRecord()->offset, 3 + 60 + 1);
        }
    }

    void destroyDeletesThePartitionDirectory()
    {
        PartitionLog log(options(true, 2048));
        for (int i = 0; i < 20; ++i) {
            append(log, batchOf(5, i));
        }
        log.truncateBefore(30);
        QVERIFY(std::filesystem::exists(dir()));
        log.destroy();
        QVERIFY(!std::filesystem::exists(dir()));
        QCOMPARE(log.sizeBytes(), std::int64_t(0));
    }

    void syncedAppendsReadBackTheSame()
    {
        auto o = options(true);
        o.syncEveryAppend = true;
        {
            PartitionLog log(o);
            for (int i = 0; i < 10; ++i) {
                append(log, batchOf(2, i));
            }
        }
        PartitionLog log(o);
        QVERIFY(coversContiguously(readBatches(log, 0), 0, 20));
    }
};

QTEST_GUILESS_MAIN(TestPartitionLog)
#include "tst_partitionlog.moc"
