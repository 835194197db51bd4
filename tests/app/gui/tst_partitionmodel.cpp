#include "member_model.h"
#include "model_events.h"
#include "partition_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using K = shop::ShopEvent::Kind;

class TestPartitionModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<PartitionModel>(
            QStringLiteral("ORDER"), QStringLiteral("preparers"));
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void theClusterViewSetsOffsetsOwnersAndLag()
    {
        shop::ClusterView s;
        s.takenMs = 1000;
        s.topics.append(test::topic("ORDER", {{0, 10}, {3, 7}}));
        s.topics.append(test::topic("READY", {{0, 99}}));
        shop::ClusterView::Group g;
        g.groupId = "preparers";
        shop::ClusterView::Member m;
        m.clientId = "preparer-1";
        m.assignment["ORDER"] = {1};
        g.members.append(m);
        g.committed.append({"ORDER", 0, 8, 2});
        s.groups.append(g);

        m_model->applyView(s);

        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->get(0).value("logEnd").toLongLong(), 10);
        QCOMPARE(m_model->get(0).value("committed").toLongLong(), 8);
        QCOMPARE(m_model->get(0).value("lag").toLongLong(), 2);
        QCOMPARE(m_model->get(0).value("owner").toString(), QString());
        QCOMPARE(m_model->get(1).value("logStart").toLongLong(), 3);
        QCOMPARE(m_model->get(1).value("owner").toString(), QStringLiteral("preparer-1"));
        // Nothing committed on P1: everything from the log start is still to read.
        QCOMPARE(m_model->get(1).value("committed").toLongLong(), -1);
        QCOMPARE(m_model->get(1).value("lag").toLongLong(), 4);
        QCOMPARE(m_model->totalLag(), 6);
    }

    void retentionMovesTheLogStart()
    {
        shop::ClusterView s;
        s.takenMs = 1000;
        s.topics.append(test::topic("ORDER", {{0, 10}}));
        m_model->applyView(s);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        s.topics[0].partitions[0].logStart = 6;
        s.takenMs = 1100;
        m_model->applyView(s);
        QCOMPARE(m_model->get(0).value("logStart").toLongLong(), 6);
        QVERIFY(!changed.isEmpty());
    }

    void placedOrdersFillCellsByQueueAndStayBounded()
    {
        QVector<shop::ShopEvent> events;
        for (int i = 0; i < 40; ++i) {
            events << test::placed(i % 2 ? 3 : 1, 0, i, 100 + i);
        }
        events << test::placed(2, 1, 0, 200);
        events << test::event(K::OrderReady, "preparer-1", "preparers", "READY", 0, 5, 100, 1);
        m_model->applyEvents(events);

        QCOMPARE(m_model->rowCount(), 2);
        const QVariantList cells = m_model->get(0).value("recent").toList();
        QCOMPARE(cells.size(), PartitionModel::kCells);
        QCOMPARE(cells.last().toInt(), 3);
        QCOMPARE(cells.first().toInt(), 1);
        QCOMPARE(m_model->get(0).value("recentFirst").toLongLong(), 40 - PartitionModel::kCells);
        QCOMPARE(m_model->get(0).value("logEnd").toLongLong(), 40);
        QCOMPARE(m_model->get(1).value("recent").toList(), QVariantList({2}));
    }

    void aGapInOffsetsIsDrawnAsUnknownCells()
    {
        m_model->applyEvents({test::placed(1, 0, 0, 1), test::placed(1, 0, 3, 2)});
        QCOMPARE(m_model->get(0).value("recent").toList(), QVariantList({1, -1, -1, 1}));
    }

    void queuesAreMappedToPartitionsAsTheProducersDo()
    {
        m_model->ensurePartitions(2);
        m_model->setQueues(4);
        QVariantList all;
        all << m_model->get(0).value("queues").toList() << m_model->get(1).value("queues").toList();
        QCOMPARE(all.size(), 4);
    }

    void theOwnersCanFollowTheMembersCards()
    {
        MemberModel members(QStringLiteral("preparers"), QStringLiteral("ORDER"));
        m_model->ensurePartitions(2);
        m_model->followOwners(&members);
        members.applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 1),
            test::assigned("preparer-2", "preparers", "ORDER", {1}, 1)});
        QCOMPARE(m_model->get(0).value("owner").toString(), QStringLiteral("preparer-1"));
        QCOMPARE(m_model->get(1).value("owner").toString(), QStringLiteral("preparer-2"));
        members.applyEvents({test::assigned("preparer-2", "preparers", "ORDER", {0, 1}, 2)});
        QCOMPARE(m_model->get(0).value("owner").toString(), QStringLiteral("preparer-2"));
        // The cluster's reading, a generation behind, does not draw a second owner.
        shop::ClusterView s;
        s.topics.append(test::topic("ORDER", {{0, 5}, {0, 5}}));
        shop::ClusterView::Group g;
        g.groupId = "preparers";
        g.state = "Stable";
        g.generation = 1;
        shop::ClusterView::Member one;
        one.clientId = "preparer-1";
        one.assignment["ORDER"] = {0};
        g.members = {one};
        s.groups.append(g);
        m_model->applyView(s);
        QCOMPARE(m_model->get(0).value("owner").toString(), QStringLiteral("preparer-2"));
    }

    void lateReadersAreMarkedFromWhereTheyBeganToWhereTheyRead()
    {
        shop::ClusterView s;
        s.takenMs = 1000;
        s.topics.append(test::topic("ORDER", {{0, 40}, {0, 30}}));
        m_model->applyView(s);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);

        // The preparers read too, but in the group the lanes are drawn for: no mark.
        m_model->applyEvents({test::event(K::Replaying, "preparer-1", "preparers", "ORDER", 0, 38),
            test::event(K::Replaying, "late-1", "late-1", "ORDER", 0, 0),
            test::event(K::Replaying, "accountant", "accountant", "ORDER", 1, 5),
            test::event(K::OrderTaken, "late-1", "late-1", "ORDER", 0, 0),
            test::event(K::OrderTaken, "late-1", "late-1", "ORDER", 0, 1),
            test::event(K::OrderTaken, "late-1", "late-1", "ORDER", 0, 2)});
        QVERIFY(!changed.isEmpty());
        const QVariantList p0 = m_model->get(0).value("readers").toList();
        QCOMPARE(p0.size(), 1);
        QCOMPARE(p0[0].toMap().value("name").toString(), QStringLiteral("late-1"));
        QCOMPARE(p0[0].toMap().value("from").toLongLong(), 0);
        QCOMPARE(p0[0].toMap().value("at").toLongLong(), 3);

        // The accountant's progress comes from what its group commits.
        shop::ClusterView::Group accountant;
        accountant.groupId = "accountant";
        accountant.committed.append({"ORDER", 1, 20, 10});
        s.groups.append(accountant);
        s.takenMs = 1250;
        m_model->applyView(s);
        QVariantList p1 = m_model->get(1).value("readers").toList();
        QCOMPARE(p1.size(), 1);
        QCOMPARE(p1[0].toMap().value("from").toLongLong(), 5);
        QCOMPARE(p1[0].toMap().value("at").toLongLong(), 20);

        // Caught up, it stays a little while, then is let go; late-1 still replays.
        s.groups[0].committed[0].offset = 30;
        s.takenMs = 1500;
        m_model->applyView(s);
        QCOMPARE(m_model->get(1).value("readers").toList().size(), 1);
        s.takenMs = 1500 + ReplayMarks::kLingerMs;
        m_model->applyView(s);
        QVERIFY(m_model->get(1).value("readers").toList().isEmpty());
        QCOMPARE(m_model->get(0).value("readers").toList().size(), 1);

        m_model->clear();
        m_model->applyView(s);
        QVERIFY(m_model->get(0).value("readers").toList().isEmpty());
    }

    void clearEmptiesIt()
    {
        m_model->applyEvents({test::placed(1, 2, 0, 1)});
        QCOMPARE(m_model->rowCount(), 3);
        m_model->clear();
        QCOMPARE(m_model->rowCount(), 0);
    }

private:
    std::unique_ptr<PartitionModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestPartitionModel)
#include "tst_partitionmodel.moc"
