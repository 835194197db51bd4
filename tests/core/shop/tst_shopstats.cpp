#include "shop/events/event_queue.h"
#include "shop/events/order_number_set.h"
#include "shop/events/shop_stats.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <cmath>

using namespace chippy::shop;

// Running counts by order number, and the event queue the view drains.
class TestShopStats : public QObject
{
    Q_OBJECT

private slots:
    void countsEachOrderOnceHoweverOftenItIsReported()
    {
        ShopStats s;
        s.orderPlaced(1);
        s.orderPlaced(1); // a retried placement acknowledged twice
        s.orderPlaced(2);
        s.orderPlaced(-1); // an unreadable record
        s.orderServed(1, 10);
        s.deadLettered(QStringLiteral("ORDER/0/7"));
        s.deadLettered(QStringLiteral("ORDER/0/7")); // redelivered after a rebalance
        const ShopCounts c = s.counts();
        QCOMPARE(c.placed, 3);
        QCOMPARE(c.served, 1);
        QCOMPARE(c.deadLettered, 1);
        QCOMPARE(c.outstanding(), 1);
        QCOMPARE(s.unserved(10), (QList<qint64> {2}));
    }

    void countsAnOrderServedTwice()
    {
        ShopStats s;
        s.orderPlaced(1);
        s.orderServed(1, 10);
        s.orderServed(1, 20);
        QCOMPARE(s.counts().served, 1);
        QCOMPARE(s.counts().servedTwice, 1);
    }

    void reportsLatencyPercentilesByNearestRank()
    {
        ShopStats s;
        for (int i = 1; i <= 100; ++i) {
            s.orderServed(i, i);
        }
        const LatencySummary l = s.latency();
        QCOMPARE(l.count, 100);
        QCOMPARE(l.p50, 50.0);
        QCOMPARE(l.p95, 95.0);
        QCOMPARE(l.p99, 99.0);
        QCOMPARE(l.max, 100.0);
    }

    void keepsLatenciesAboveASecondWithinOnePercent()
    {
        ShopStats s;
        for (int i = 1; i <= 100; ++i) {
            s.orderServed(i, 1000 * i + 7);
        }
        const LatencySummary l = s.latency();
        QCOMPARE(l.count, 100);
        QVERIFY2(std::abs(l.p50 - 50007) <= 500, qPrintable(QString::number(l.p50)));
        QVERIFY2(std::abs(l.p99 - 99007) <= 990, qPrintable(QString::number(l.p99)));
        QCOMPARE(l.max, 100007.0);
    }

    void keepsSparseHugeAndNegativeOrderNumbersApart()
    {
        OrderNumberSet set;
        const qint64 numbers[] = {1, 64, 65, 32768, -1, -32768, -32769, 1LL << 40, 7};
        for (const qint64 n : numbers) {
            QVERIFY(set.insert(n));
        }
        for (const qint64 n : numbers) {
            QVERIFY(!set.insert(n));
            QVERIFY(set.contains(n));
        }
        QVERIFY(!set.contains(0));
        QVERIFY(!set.contains(2));
        QVERIFY(!set.contains((1LL << 40) + 1));
        QCOMPARE(set.size(), std::size(numbers));
        QList<qint64> seen;
        set.forEach([&](qint64 n) { seen.append(n); });
        std::sort(seen.begin(), seen.end());
        QList<qint64> expected(std::begin(numbers), std::end(numbers));
        std::sort(expected.begin(), expected.end());
        QCOMPARE(seen, expected);
    }

    void leavesOutTheStartUpWhenAskedTo()
    {
        ShopStats s;
        s.orderServed(1, 5000);
        s.restartLatency();
        s.orderServed(2, 10);
        QCOMPARE(s.latency().count, 1);
        QCOMPARE(s.latency().max, 10.0);
        QCOMPARE(s.counts().served, 2);
    }

    void countsEachGenerationOfEachGroupAsOneRebalance()
    {
        ShopStats s;
        s.generationSeen(QStringLiteral("preparers"), 1);
        s.generationSeen(QStringLiteral("preparers"), 1);
        s.generationSeen(QStringLiteral("preparers"), 2);
        s.generationSeen(QStringLiteral("counters"), 1);
        QCOMPARE(s.counts().rebalances, 3);
    }

    void drainsEventsFromManyThreadsInOneBatch()
    {
        ShopEventQueue queue;
        constexpr int kThreads = 4;
        constexpr int kEach = 5000;
        QList<QThread *> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads << QThread::create([&queue, t] {
                for (int i = 0; i < kEach; ++i) {
                    ShopEvent e;
                    e.kind = ShopEvent::Kind::OrderPlaced;
                    e.order = t * kEach + i;
                    queue.push(e);
                }
            });
            threads.last()->start();
        }
        qsizetype drained = 0;
        QSet<qint64> orders;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ShopEvent &e : queue.drain()) {
                    orders.insert(e.order);
                    ++drained;
                }
                return drained == kThreads * kEach;
            }(),
            10000);
        for (QThread *t : threads) {
            t->wait();
            delete t;
        }
        QCOMPARE(orders.size(), kThreads * kEach);
        QVERIFY(queue.drain().isEmpty());
    }

    void theWindowNeverWaitsForAWorkerHoldingTheQueue()
    {
        ShopEventQueue queue;
        ShopEvent placed;
        placed.kind = ShopEvent::Kind::OrderPlaced;
        queue.push(placed);
        std::optional<QVector<ShopEvent>> first = queue.tryDrain();
        QVERIFY(first);
        QCOMPARE(first->size(), 1);

        // A worker holds the queue (pushing, and stopped there by the scheduler).
        QSemaphore holding;
        QSemaphore letGo;
        QThread *worker = QThread::create([&] {
            queue.holdForTest([&] {
                holding.release();
                letGo.acquire();
            });
        });
        worker->start();
        holding.acquire();
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!queue.tryDrain());
        QVector<ShopEvent> spent = *first;
        QVERIFY(!queue.dispose(spent));
        QCOMPARE(spent.size(), 1);
        QVERIFY(clock.elapsed() < 1000);
        letGo.release();
        worker->wait();
        delete worker;

        // Handed back, the batch is freed by the next push; the pushed event is drained.
        QVERIFY(queue.dispose(spent));
        QVERIFY(spent.isEmpty());
        queue.push(placed);
        first.reset();
        const std::optional<QVector<ShopEvent>> next = queue.tryDrain();
        QVERIFY(next);
        QCOMPARE(next->size(), 1);
    }

    void dropsEventsBeyondItsCapAndSaysHowMany()
    {
        ShopEventQueue queue;
        ShopEvent placed;
        placed.kind = ShopEvent::Kind::OrderPlaced;
        for (qsizetype i = 0; i < ShopEventQueue::kMaxPending + 3; ++i) {
            queue.push(placed);
        }
        QCOMPARE(queue.dropped(), 3);
        QCOMPARE(queue.drain().size(), ShopEventQueue::kMaxPending);
    }

    void aFullQueueStillTakesWhoOwnsWhatUpToItsReserve()
    {
        ShopEventQueue queue;
        ShopEvent placed;
        placed.kind = ShopEvent::Kind::OrderPlaced;
        for (qsizetype i = 0; i < ShopEventQueue::kMaxPending; ++i) {
            queue.push(placed);
        }
        ShopEvent revoked;
        revoked.kind = ShopEvent::Kind::PartitionsRevoked;
        for (qsizetype i = 0; i < ShopEventQueue::kStateReserve + 2; ++i) {
            queue.push(placed);
            queue.push(revoked);
        }
        QCOMPARE(queue.dropped(), ShopEventQueue::kStateReserve + 2 + 2);
        const QVector<ShopEvent> events = queue.drain();
        QCOMPARE(events.size(), ShopEventQueue::kMaxPending + ShopEventQueue::kStateReserve);
        QCOMPARE(events.constLast().kind, ShopEvent::Kind::PartitionsRevoked);
    }
};

QTEST_GUILESS_MAIN(TestShopStats)
#include "tst_shopstats.moc"
