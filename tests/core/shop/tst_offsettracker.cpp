#include "shop/participants/offset_tracker.h"

#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// The committed offset never passes a record whose output is not yet safe.
class TestOffsetTracker : public QObject
{
    Q_OBJECT

private:
    const kafka::TopicPartition m_order0 {QStringLiteral("ORDER"), 0};
    const kafka::TopicPartition m_order1 {QStringLiteral("ORDER"), 1};

private slots:
    void storesThePastTheLastRecordWhenAllAreDone()
    {
        OffsetTracker t;
        t.taken(m_order0, 10);
        t.taken(m_order0, 11);
        QCOMPARE(t.done(m_order0, 10), std::optional<qint64>(11));
        QCOMPARE(t.done(m_order0, 11), std::optional<qint64>(12));
        QCOMPARE(t.pending(), 0);
    }

    void holdsBackBehindAnOutputStillInFlight()
    {
        OffsetTracker t;
        for (qint64 o = 0; o < 4; ++o) {
            t.taken(m_order0, o);
        }
        // Outputs to different partitions come back out of order.
        QCOMPARE(t.done(m_order0, 2), std::optional<qint64>(0));
        QCOMPARE(t.done(m_order0, 3), std::optional<qint64>(0));
        QCOMPARE(t.done(m_order0, 0), std::optional<qint64>(1));
        QCOMPARE(t.done(m_order0, 1), std::optional<qint64>(4));
    }

    void keepsPartitionsApart()
    {
        OffsetTracker t;
        t.taken(m_order0, 5);
        t.taken(m_order1, 7);
        QCOMPARE(t.done(m_order1, 7), std::optional<qint64>(8));
        QCOMPARE(t.pending(), 1);
    }

    void ignoresWorkFromAPartitionGivenAway()
    {
        OffsetTracker t;
        t.taken(m_order0, 5);
        t.forget(m_order0);
        QCOMPARE(t.done(m_order0, 5), std::nullopt);
        QCOMPARE(t.done(m_order1, 1), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestOffsetTracker)
#include "tst_offsettracker.moc"
