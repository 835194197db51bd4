#include "batch_builder.h"
#include "protocol/crc32c.h"
#include "protocol/record_batch.h"

#include <QTest>

using namespace chippy::broker;
using chippy::test::buildBatch;

class TestRecordBatch : public QObject
{
    Q_OBJECT

private slots:
    void crc32cMatchesTheKnownCheckValue()
    {
        const std::string s = "123456789";
        QCOMPARE(crc32c({reinterpret_cast<const std::uint8_t *>(s.data()), s.size()}), 0xe3069283u);
    }

    void aWellFormedBatchValidates()
    {
        const auto batch = buildBatch({{"k", "v", 1000}, {"k2", "v2", 1005}});
        std::string why;
        const auto views = splitAndValidateBatches(batch, why);
        QCOMPARE(views.size(), std::size_t(1));
        QCOMPARE(views[0].header.recordCount, 2);
        QCOMPARE(views[0].header.lastOffsetDelta, 1);
        QCOMPARE(views[0].header.maxTimestamp, 1005);
        QVERIFY(why.empty());
    }

    void aFlippedByteFailsTheCrc()
    {
        auto batch = buildBatch({{"k", "value", 1}});
        batch.back() ^= 0x01;
        std::string why;
        QVERIFY(splitAndValidateBatches(batch, why).empty());
        QCOMPARE(why, std::string("batch CRC mismatch"));
    }

    void oldMessageFormatsAreRefusedWithAReason()
    {
        auto batch = buildBatch({{"k", "v", 1}});
        batch[16] = 1;
        std::string why;
        QVERIFY(splitAndValidateBatches(batch, why).empty());
        QVERIFY(why.find("not supported") != std::string::npos);
    }

    void aTornTailIsCutAtTheLastWholeBatch()
    {
        auto a = buildBatch({{"a", "1", 1}});
        const auto b = buildBatch({{"b", "2", 2}});
        const auto whole = a.size();
        a.insert(a.end(), b.begin(), b.end() - 3);
        QCOMPARE(validPrefixLength(a), whole);
    }

    void rewritingTheBaseOffsetKeepsTheCrcValid()
    {
        auto batch = buildBatch({{"k", "v", 1}});
        rewriteBaseOffset(batch, 4242);
        std::string why;
        const auto views = splitAndValidateBatches(batch, why);
        QCOMPARE(views.size(), std::size_t(1));
        QCOMPARE(views[0].header.baseOffset, 4242);
    }
};

QTEST_GUILESS_MAIN(TestRecordBatch)
#include "tst_recordbatch.moc"
