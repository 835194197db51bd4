#include "broker/broker.h"
#include "shop_fixture.h"

#include <QElapsedTimer>
#include <QTest>

using namespace chippy;
using namespace chippy::shop;

namespace {

// Who owns how many ORDER partitions, by client id, as the broker's coordinator sees it.
QMap<QString, int> orderOwnership(broker::Broker &b, const QString &group)
{
    QMap<QString, int> owned;
    for (const auto &g : b.snapshot().groups) {
        if (QString::fromStdString(g.groupId) != group || g.state != "Stable") {
            continue;
        }
        for (const auto &m : g.members) {
            const auto it = m.assignment.find("ORDER");
            owned[QString::fromStdString(m.clientId)]
                = it == m.assignment.end() ? 0 : static_cast<int>(it->second.size());
        }
    }
    return owned;
}

int idleMembers(const QMap<QString, int> &owned)
{
    return static_cast<int>(std::count(owned.cbegin(), owned.cend(), 0));
}

} // namespace

// The preparers' consumer group: partitions are shared, extra members idle, and the group
// rebalances as members come, go and vanish.
class TestPreparerGroup : public QObject
{
    Q_OBJECT

private:
    static ShopConfig model3(int partitions, int preparers)
    {
        ShopConfig c;
        c.model = 3;
        c.tills = 4;
        c.orderPartitions = partitions;
        c.preparers = preparers;
        c.ordersPerSecond = 10;
        return c;
    }

private slots:
    void threePreparersOverTwoPartitionsLeaveOneIdleUntilAPartitionIsAdded()
    {
        test::ShopFixture f(model3(2, 3));
        QVERIFY(f.shop->start().ok);
        QMap<QString, int> owned;
        QTRY_VERIFY_WITH_TIMEOUT(
            (owned = orderOwnership(f.broker.broker(), QStringLiteral("preparers")),
                owned.size() == 3 && idleMembers(owned) == 1),
            20000);
        const QString idle = owned.key(0);

        QVERIFY(f.shop->setOrderPartitions(3).ok);
        QTRY_VERIFY_WITH_TIMEOUT(
            (owned = orderOwnership(f.broker.broker(), QStringLiteral("preparers")),
                owned.size() == 3 && idleMembers(owned) == 0),
            20000);
        QCOMPARE(owned.value(idle), 1);

        // The preparer that stood idle now takes orders.
        bool idleWorks = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ShopEvent &e : f.shop->events().drain()) {
                    idleWorks = idleWorks
                        || (e.kind == ShopEvent::Kind::OrderTaken && e.participant == idle);
                }
                return idleWorks;
            }(),
            20000);
        QVERIFY(f.drain());
        QCOMPARE(f.shop->stats().counts().served, f.shop->stats().counts().placed);
    }

    void anIdleMemberIsReportedWithNoPartitions()
    {
        test::ShopFixture f(model3(1, 2));
        QVERIFY(f.shop->start().ok);
        QSet<QString> idle;
        QSet<QString> working;
        int lowestGeneration = std::numeric_limits<int>::max();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ShopEvent &e : f.shop->events().drain()) {
                    if (e.kind != ShopEvent::Kind::PartitionsAssigned || e.group != "preparers") {
                        continue;
                    }
                    lowestGeneration = std::min(lowestGeneration, e.generation);
                    (e.partitions.isEmpty() ? idle : working).insert(e.participant);
                    (e.partitions.isEmpty() ? working : idle).remove(e.participant);
                }
                return idle.size() == 1 && working.size() == 1;
            }(),
            20000);
        QVERIFY(lowestGeneration >= 1);
        f.shop->stop();
    }

    void aPreparerThatLeavesHandsOverAtOnce()
    {
        test::ShopFixture f(model3(2, 2));
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(
            idleMembers(orderOwnership(f.broker.broker(), QStringLiteral("preparers"))) == 0
                && orderOwnership(f.broker.broker(), QStringLiteral("preparers")).size() == 2,
            20000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(f.shop->setPreparers(1).ok);
        QTRY_VERIFY_WITH_TIMEOUT(
            orderOwnership(f.broker.broker(), QStringLiteral("preparers")).values()
                == QList<int> {2},
            20000);
        // A member that says goodbye does not make the group wait for its session to expire.
        QVERIFY2(clock.elapsed() < f.shop->config().sessionTimeoutMs,
            qPrintable(QString::number(clock.elapsed())));
        QVERIFY(f.drain());
        QCOMPARE(f.shop->stats().counts().served, f.shop->stats().counts().placed);
    }

    void aKilledPreparerIsNoticedAfterTheSessionTimeoutAndNoOrderIsLost()
    {
        test::ShopFixture f(model3(2, 2));
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(
            idleMembers(orderOwnership(f.broker.broker(), QStringLiteral("preparers"))) == 0
                && orderOwnership(f.broker.broker(), QStringLiteral("preparers")).size() == 2,
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served > 10, 20000);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(f.shop->killPreparer().ok);
        QCOMPARE(f.shop->preparers(), 1);
        // The coordinator still counts the vanished member as one of the group...
        QCOMPARE(orderOwnership(f.broker.broker(), QStringLiteral("preparers")).size(), 2);
        // ...until its session times out; then the survivor owns both partitions.
        QTRY_VERIFY_WITH_TIMEOUT(
            orderOwnership(f.broker.broker(), QStringLiteral("preparers")).values()
                == QList<int> {2},
            30000);
        const int waitedMs = static_cast<int>(clock.elapsed());
        QVERIFY2(waitedMs >= f.shop->config().sessionTimeoutMs / 2,
            qPrintable(QString::number(waitedMs)));
        QVERIFY(f.drain());
        const ShopCounts c = f.shop->stats().counts();
        QCOMPARE(c.served, c.placed);
        QCOMPARE(c.servedTwice, 0);
    }
};

QTEST_GUILESS_MAIN(TestPreparerGroup)
#include "tst_preparergroup.moc"
