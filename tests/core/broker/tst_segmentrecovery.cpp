// A partition directory whose newest segment a crash, a bad disk or a hostile hand damaged:
// on opening, the segment is cut back to its last valid batch, with a log line saying what
// was cut, and the log goes on from there.
#include "batch_builder.h"
#include "broker_log.h"
#include "log/partition_log.h"
#include "protocol/record_batch.h"

#include <QTemporaryDir>
#include <QTest>

#include <spdlog/sinks/ostream_sink.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

using namespace chippy::broker;
using chippy::test::buildBatch;

namespace {

constexpr std::size_t kLastOffsetDeltaAt = 23;

std::vector<std::uint8_t> readAll(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeAll(const std::filesystem::path &path, const std::vector<std::uint8_t> &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(
        reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

} // namespace

class TestSegmentRecovery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::ostringstream m_logged;
    std::shared_ptr<spdlog::sinks::ostream_sink_mt> m_sink;
    std::size_t m_goodBytes = 0;

    std::filesystem::path dir() const { return m_dir->path().toStdString(); }
    std::filesystem::path segmentFile() const { return dir() / Segment::fileName(0, ".log"); }

    // Replaces the tail of the segment after the three good batches with bytes.
    void damageWith(const std::vector<std::uint8_t> &tail)
    {
        auto bytes = readAll(segmentFile());
        bytes.resize(m_goodBytes);
        bytes.insert(bytes.end(), tail.begin(), tail.end());
        writeAll(segmentFile(), bytes);
    }

    // Opens the damaged log and checks that it holds exactly the three good batches.
    void verifyCutBackToTheGoodBatches(const std::string &reason)
    {
        {
            PartitionLog log(PartitionLog::Options {dir()});
            QCOMPARE(log.logEndOffset(), std::int64_t {3});
            QCOMPARE(std::filesystem::file_size(segmentFile()), m_goodBytes);
            QCOMPARE(log.append(buildBatch({{"k", "after", 0}})), std::int64_t {3});
        }
        const auto logged = m_logged.str();
        QVERIFY2(logged.find("cutting") != std::string::npos, logged.c_str());
        QVERIFY2(logged.find("at position " + std::to_string(m_goodBytes) + ", after offset 2")
                != std::string::npos,
            logged.c_str());
        QVERIFY2(logged.find(reason) != std::string::npos, logged.c_str());
        PartitionLog reopened(PartitionLog::Options {dir()});
        QCOMPARE(reopened.logEndOffset(), std::int64_t {4});
    }

private slots:
    void initTestCase()
    {
        m_sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_logged);
        brokerLog().sinks().push_back(m_sink);
    }

    void cleanupTestCase() { std::erase(brokerLog().sinks(), m_sink); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_logged.str({});
        PartitionLog log(PartitionLog::Options {dir()});
        for (int i = 0; i < 3; ++i) {
            log.append(buildBatch({{"k", "batch " + std::to_string(i), 1000 + i}}));
        }
        m_goodBytes = std::filesystem::file_size(segmentFile());
    }

    void randomBytesAreCut()
    {
        std::vector<std::uint8_t> junk(500);
        std::uint32_t seed = 99;
        for (auto &b : junk) {
            seed = seed * 1664525u + 1013904223u;
            b = static_cast<std::uint8_t>(seed >> 24);
        }
        junk[16] = 2; // looks like a v2 batch as far as the magic byte goes
        damageWith(junk);
        verifyCutBackToTheGoodBatches("cutting 500 bytes");
    }

    void aTruncatedBatchIsCut()
    {
        auto batch = buildBatch({{"k", "torn", 0}});
        batch.resize(batch.size() - 5);
        damageWith(batch);
        verifyCutBackToTheGoodBatches("runs past the end of the file");
    }

    void aTornHeaderIsCut()
    {
        auto batch = buildBatch({{"k", "torn", 0}});
        batch.resize(20);
        damageWith(batch);
        verifyCutBackToTheGoodBatches("a torn batch header");
    }

    void aBatchWithTheWrongCrcIsCutWithWhatFollowsIt()
    {
        auto bad = buildBatch({{"k", "flipped", 0}});
        bad.back() ^= 0x40;
        const auto good = buildBatch({{"k", "good but after a bad one", 0}});
        bad.insert(bad.end(), good.begin(), good.end());
        damageWith(bad);
        verifyCutBackToTheGoodBatches("batch CRC mismatch");
    }

    void anOverflowingOffsetDeltaIsCut()
    {
        auto batch = buildBatch({{"k", "v", 0}});
        for (int i = 0; i < 4; ++i) {
            batch[kLastOffsetDeltaAt + i] = i == 0 ? 0x7f : 0xff;
        }
        damageWith(batch); // its CRC no longer matches either
        verifyCutBackToTheGoodBatches("batch CRC mismatch");
    }

    void aBaseOffsetNearInt64MaxIsCutEvenWithAValidCrc()
    {
        auto batch = buildBatch({{"k", "v", 0}, {"k", "w", 0}});
        const auto base = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
        for (int i = 0; i < 8; ++i) {
            batch[i] = static_cast<std::uint8_t>(base >> (56 - 8 * i)); // not covered by the CRC
        }
        damageWith(batch);
        verifyCutBackToTheGoodBatches("out of range");
    }
};

QTEST_GUILESS_MAIN(TestSegmentRecovery)
#include "tst_segmentrecovery.moc"
