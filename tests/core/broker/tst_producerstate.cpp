#include "producers/producer_state.h"

#include <QTest>

#include <climits>

using namespace chippy::broker;

namespace {

constexpr std::int64_t kStart = 1000;
const std::string kTopic = "ORDER";

RecordBatchHeader batch(
    std::int64_t producerId, std::int16_t epoch, std::int32_t firstSequence, std::int32_t records)
{
    RecordBatchHeader h;
    h.magic = 2;
    h.producerId = producerId;
    h.producerEpoch = epoch;
    h.baseSequence = firstSequence;
    h.lastOffsetDelta = records - 1;
    h.recordCount = records;
    return h;
}

} // namespace

class TestProducerState : public QObject
{
    Q_OBJECT

private:
    // Checks a batch and, when it is new and acceptable, records it at the next offset.
    ProducerStateTable::Verdict produce(const RecordBatchHeader &h, std::int32_t partition = 0)
    {
        auto verdict = m_table.check(kTopic, partition, h);
        if (verdict.error == ErrorCode::None && !verdict.duplicateOf) {
            m_table.record(kTopic, partition, h, m_nextOffset, kStart);
            m_nextOffset += h.recordCount;
        }
        return verdict;
    }

    std::int64_t newProducer()
    {
        const auto grant = m_table.initProducer(std::nullopt, kStart);
        return grant.producer.producerId;
    }

    ProducerStateTable m_table;
    std::int64_t m_nextOffset = 0;

private slots:
    void init()
    {
        m_table = ProducerStateTable();
        m_nextOffset = 0;
    }

    void aNewProducerGetsAFreshIdAtEpochZero()
    {
        const auto a = m_table.initProducer(std::nullopt, kStart);
        const auto b = m_table.initProducer(std::nullopt, kStart);
        QCOMPARE(a.error, ErrorCode::None);
        QVERIFY(a.producer.producerId >= 0);
        QCOMPARE(a.producer.epoch, std::int16_t(0));
        QVERIFY(b.producer.producerId != a.producer.producerId);
        QCOMPARE(m_table.producerCount(), std::size_t(2));
    }

    void batchesWithoutAProducerIdAreNotChecked()
    {
        const auto h = batch(-1, -1, -1, 3);
        QCOMPARE(produce(h).error, ErrorCode::None);
        QCOMPARE(produce(h).error, ErrorCode::None);
        QCOMPARE(m_nextOffset, 6);
    }

    void consecutiveBatchesAreAccepted()
    {
        const auto id = newProducer();
        QCOMPARE(produce(batch(id, 0, 0, 3)).error, ErrorCode::None);
        QCOMPARE(produce(batch(id, 0, 3, 2)).error, ErrorCode::None);
        QCOMPARE(produce(batch(id, 0, 5, 1)).error, ErrorCode::None);
        QCOMPARE(m_nextOffset, 6);
    }

    void aRetriedBatchIsAnsweredWithTheOffsetItWasStoredAt()
    {
        const auto id = newProducer();
        produce(batch(id, 0, 0, 3));
        produce(batch(id, 0, 3, 4));
        const auto retry = produce(batch(id, 0, 3, 4));
        QCOMPARE(retry.error, ErrorCode::None);
        QVERIFY(retry.duplicateOf.has_value());
        QCOMPARE(*retry.duplicateOf, 3);
        QCOMPARE(m_nextOffset, 7);
    }

    void onlyTheLastFiveBatchesAreRemembered()
    {
        const auto id = newProducer();
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(produce(batch(id, 0, i, 1)).error, ErrorCode::None);
        }
        const auto remembered = produce(batch(id, 0, 1, 1));
        QCOMPARE(*remembered.duplicateOf, 1);
        const auto forgotten = produce(batch(id, 0, 0, 1));
        QCOMPARE(forgotten.error, ErrorCode::OutOfOrderSequenceNumber);
    }

    void aGapInTheSequenceIsRefusedWithTheExpectedNumber()
    {
        const auto id = newProducer();
        produce(batch(id, 0, 0, 5));
        const auto gap = produce(batch(id, 0, 7, 1));
        QCOMPARE(gap.error, ErrorCode::OutOfOrderSequenceNumber);
        QVERIFY2(
            gap.message.find("where 5 was expected") != std::string::npos, gap.message.c_str());
        QCOMPARE(m_nextOffset, 5);
    }

    void aBatchOverlappingAStoredOneIsRefused()
    {
        const auto id = newProducer();
        produce(batch(id, 0, 0, 5));
        QCOMPARE(produce(batch(id, 0, 2, 5)).error, ErrorCode::OutOfOrderSequenceNumber);
    }

    void sequencesArePerPartition()
    {
        const auto id = newProducer();
        QCOMPARE(produce(batch(id, 0, 0, 2), 0).error, ErrorCode::None);
        QCOMPARE(produce(batch(id, 0, 0, 2), 1).error, ErrorCode::None);
        QCOMPARE(produce(batch(id, 0, 2, 1), 1).error, ErrorCode::None);
        QCOMPARE(produce(batch(id, 0, 3, 1), 0).error, ErrorCode::OutOfOrderSequenceNumber);
    }

    void sequencesWrapFromIntMaxToZero()
    {
        QCOMPARE(ProducerStateTable::addToSequence(INT32_MAX - 1, 2), 0);
        QCOMPARE(ProducerStateTable::addToSequence(INT32_MAX, 1), 0);
        QCOMPARE(ProducerStateTable::addToSequence(5, 1), 6);
        const auto id = newProducer();
        // Unknown here, so it may start anywhere: records INT32_MAX-1, INT32_MAX, 0.
        QCOMPARE(produce(batch(id, 0, INT32_MAX - 1, 3)).error, ErrorCode::None);
        const auto retry = produce(batch(id, 0, INT32_MAX - 1, 3));
        QVERIFY(retry.duplicateOf.has_value());
        QCOMPARE(produce(batch(id, 0, INT32_MAX, 1)).error, ErrorCode::OutOfOrderSequenceNumber);
        QCOMPARE(produce(batch(id, 0, 1, 1)).error, ErrorCode::None);
    }

    void aProducerUnknownOnAPartitionMayStartAtAnySequence()
    {
        const auto id = newProducer();
        QCOMPARE(produce(batch(id, 0, 42, 1)).error, ErrorCode::None);
        QCOMPARE(produce(batch(id, 0, 43, 1)).error, ErrorCode::None);
    }

    void aBatchWithoutASequenceIsRefused()
    {
        const auto id = newProducer();
        QCOMPARE(produce(batch(id, 0, -1, 1)).error, ErrorCode::OutOfOrderSequenceNumber);
    }

    void anOlderEpochIsFencedOnceANewerOneWrote()
    {
        const auto id = newProducer();
        produce(batch(id, 0, 0, 1));
        QCOMPARE(produce(batch(id, 1, 0, 1)).error, ErrorCode::None);
        const auto zombie = produce(batch(id, 0, 1, 1));
        QCOMPARE(zombie.error, ErrorCode::InvalidProducerEpoch);
        // The newer epoch fences the producer on every partition, not only where it wrote.
        QCOMPARE(produce(batch(id, 0, 0, 1), 7).error, ErrorCode::InvalidProducerEpoch);
    }

    void aNewEpochMustStartAtSequenceZero()
    {
        const auto id = newProducer();
        produce(batch(id, 0, 0, 10));
        QCOMPARE(produce(batch(id, 1, 10, 1)).error, ErrorCode::OutOfOrderSequenceNumber);
        QCOMPARE(produce(batch(id, 1, 0, 1)).error, ErrorCode::None);
    }

    void initProducerWithTheCurrentEpochBumpsIt()
    {
        const auto id = newProducer();
        produce(batch(id, 0, 0, 3));
        const auto bumped = m_table.initProducer({{id, 0}}, kStart);
        QCOMPARE(bumped.error, ErrorCode::None);
        QCOMPARE(bumped.producer.producerId, id);
        QCOMPARE(bumped.producer.epoch, std::int16_t(1));
        QCOMPARE(produce(batch(id, 0, 3, 1)).error, ErrorCode::InvalidProducerEpoch);
        QCOMPARE(produce(batch(id, 1, 0, 1)).error, ErrorCode::None);
    }

    void aRetriedBumpGetsTheSameAnswer()
    {
        const auto id = newProducer();
        QCOMPARE(m_table.initProducer({{id, 0}}, kStart).producer.epoch, std::int16_t(1));
        const auto again = m_table.initProducer({{id, 0}}, kStart);
        QCOMPARE(again.error, ErrorCode::None);
        QCOMPARE(again.producer.epoch, std::int16_t(1));
    }

    void aBumpIsNoLongerRetriedOnceTheNewEpochHasWritten()
    {
        const auto id = newProducer();
        m_table.initProducer({{id, 0}}, kStart);
        QCOMPARE(produce(batch(id, 1, 0, 1)).error, ErrorCode::None);
        QCOMPARE(m_table.initProducer({{id, 0}}, kStart).error, ErrorCode::InvalidProducerEpoch);
    }

    void initProducerWithAStaleEpochIsFenced()
    {
        const auto id = newProducer();
        m_table.initProducer({{id, 0}}, kStart);
        m_table.initProducer({{id, 1}}, kStart);
        const auto stale = m_table.initProducer({{id, 0}}, kStart);
        QCOMPARE(stale.error, ErrorCode::InvalidProducerEpoch);
        QVERIFY2(stale.message.find("fenced") != std::string::npos, stale.message.c_str());
    }

    void anUnknownProducerIdGetsANewOne()
    {
        const auto grant = m_table.initProducer({{123456, 4}}, kStart);
        QCOMPARE(grant.error, ErrorCode::None);
        QVERIFY(grant.producer.producerId != 123456);
        QCOMPARE(grant.producer.epoch, std::int16_t(0));
    }

    void usedUpEpochsGiveANewProducerId()
    {
        const auto id = newProducer();
        produce(batch(id, ProducerStateTable::kLastEpoch, 0, 1));
        const auto grant = m_table.initProducer({{id, ProducerStateTable::kLastEpoch}}, kStart);
        QCOMPARE(grant.error, ErrorCode::None);
        QVERIFY(grant.producer.producerId != id);
        QCOMPARE(grant.producer.epoch, std::int16_t(0));
        QCOMPARE(m_table.producerCount(), std::size_t(1));
    }

    void idleProducersAreForgotten()
    {
        const auto id = newProducer();
        produce(batch(id, 0, 0, 5));
        const auto later = kStart + ProducerStateTable::kExpirationMs + 1;
        m_table.initProducer(std::nullopt, later);
        QCOMPARE(m_table.producerCount(), std::size_t(1));
        // Nothing is known of it any more, so it may carry on from any sequence.
        QCOMPARE(m_table.check(kTopic, 0, batch(id, 0, 99, 1)).error, ErrorCode::None);
    }

    void deletingATopicForgetsItsSequences()
    {
        const auto id = newProducer();
        produce(batch(id, 0, 0, 5));
        m_table.forgetTopic(kTopic);
        const auto verdict = m_table.check(kTopic, 0, batch(id, 0, 0, 5));
        QCOMPARE(verdict.error, ErrorCode::None);
        QVERIFY(!verdict.duplicateOf.has_value());
    }
};

QTEST_GUILESS_MAIN(TestProducerState)
#include "tst_producerstate.moc"
