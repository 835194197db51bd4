#include "batch_builder.h"
#include "broker_fixture.h"
#include "log/segment.h"
#include "protocol/error_code.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <csignal>
#include <filesystem>
#include <sys/resource.h>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::code;
using chippy::broker::ErrorCode;
using chippy::broker::Reader;
using chippy::broker::Segment;
using chippy::broker::Writer;

namespace {

constexpr std::int16_t kProduceVersion = 7;
constexpr const char *kTopic = "TILL";

struct Produced
{
    std::int16_t error = INT16_MIN;
    std::int64_t baseOffset = INT64_MIN;
};

// Files written past limitBytes fail with EFBIG while this lives: a real failed write, made
// by the kernel, even for root. The limit is the whole process's, so tests keep it short.
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t limitBytes)
    {
        std::signal(SIGXFSZ, SIG_IGN); // report EFBIG rather than kill the process
        getrlimit(RLIMIT_FSIZE, &m_saved);
        rlimit limited = m_saved;
        limited.rlim_cur = limitBytes;
        m_applied = setrlimit(RLIMIT_FSIZE, &limited) == 0;
    }
    ~FileSizeLimit() { setrlimit(RLIMIT_FSIZE, &m_saved); }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;

    bool applied() const { return m_applied; }

private:
    rlimit m_saved {};
    bool m_applied = false;
};

std::vector<std::uint8_t> orderBatch(int firstOrder)
{
    std::vector<TestRecord> records;
    for (int i = 0; i < 3; ++i) {
        records.push_back({"till-1", "order " + std::to_string(firstOrder + i), 1000 + i});
    }
    return buildBatch(records);
}

} // namespace

// A partition log that cannot be written answers KAFKA_STORAGE_ERROR and keeps serving.
class TestStorageError : public QObject
{
    Q_OBJECT

private:
    Produced produce(WireClient &client, const std::vector<std::uint8_t> &batch)
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
        const auto reply = client.call(ApiKey::Produce, kProduceVersion, std::move(w));
        Produced p;
        if (!reply) {
            return p;
        }
        Reader r(*reply);
        r.arrayLength();
        r.string();
        r.arrayLength();
        r.i32(); // partition
        p.error = r.i16();
        p.baseOffset = r.i64();
        return p;
    }

private slots:
    void aFailedWriteAnswersStorageErrorAndLeavesTheLogWhole()
    {
        BrokerFixture broker(true);
        WireClient client;
        QVERIFY(client.connectTo(broker.broker().port()));
        QVERIFY(client.createTopic(kTopic));
        const auto first = produce(client, orderBatch(1));
        QCOMPARE(first.error, code(ErrorCode::None));
        QCOMPARE(first.baseOffset, 0);
        const auto segmentFile = std::filesystem::path(broker.dataDir().toStdString())
            / (std::string(kTopic) + "-0") / Segment::fileName(0, ".log");
        const auto sizeBefore = std::filesystem::file_size(segmentFile);

        Produced refused;
        {
            // Room for a few bytes of the batch, so the write fails halfway.
            FileSizeLimit limit(sizeBefore + 16);
            QVERIFY(limit.applied());
            refused = produce(client, orderBatch(4));
        }
        QCOMPARE(refused.error, code(ErrorCode::KafkaStorageError));
        QCOMPARE(refused.baseOffset, -1);
        QCOMPARE(std::filesystem::file_size(segmentFile), sizeBefore);

        // The same connection goes on, and the retried batch lands where the failed one would.
        const auto retried = produce(client, orderBatch(4));
        QCOMPARE(retried.error, code(ErrorCode::None));
        QCOMPARE(retried.baseOffset, 3);

        broker.restart();
        WireClient again;
        QVERIFY(again.connectTo(broker.broker().port()));
        const auto afterRestart = produce(again, orderBatch(7));
        QCOMPARE(afterRestart.error, code(ErrorCode::None));
        QCOMPARE(afterRestart.baseOffset, 6);
    }
};

QTEST_GUILESS_MAIN(TestStorageError)
#include "tst_storageerror.moc"
