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

    void crc32cAgreesWithTheBitwiseDefinitionAtEveryLengthAndAlignment()
    {
        std::vector<std::uint8_t> bytes(60000);
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            bytes[i] = static_cast<std::uint8_t>(i * 131 + i / 251);
        }
        const auto bitwise = [](std::span<const std::uint8_t> data) {
            std::uint32_t crc = ~0u;
            for (const auto b : data) {
                crc ^= b;
                for (int k = 0; k < 8; ++k) {
                    crc = (crc & 1) ? (crc >> 1) ^ 0x82f63b78u : crc >> 1;
                }
            }
            return ~crc;
        };
        // Around the sizes where faster ways of computing it take over.
        const std::vector<std::size_t> lengths {0, 1, 7, 8, 9, 63, 767, 768, 769, 1000, 24575,
            24576, 24577, 25344, 49152 + 768 + 15, 59991};
        for (std::size_t start = 0; start < 9; ++start) {
            for (const auto length : lengths) {
                const auto data = std::span<const std::uint8_t>(bytes).subspan(start, length);
                QCOMPARE(crc32c(data), bitwise(data));
                const auto half = length / 2;
                QCOMPARE(crc32c(data.subspan(half), crc32c(data.first(half))), bitwise(data));
            }
        }
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
