#include "member_model.h"
#include "model_events.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using K = shop::ShopEvent::Kind;

class TestMemberModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model
            = std::make_unique<MemberModel>(QStringLiteral("preparers"), QStringLiteral("ORDER"));
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void membersAreListedInOrderAndStartJoining()
    {
        m_model->applyEvents({test::event(K::ParticipantStarted, "preparer-10", "preparers"),
            test::event(K::ParticipantStarted, "preparer-2", "preparers"),
            test::event(K::ParticipantStarted, "cook-1", "cooks")});
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->get(0).value("name").toString(), QStringLiteral("preparer-2"));
        QCOMPARE(m_model->get(1).value("title").toString(), QStringLiteral("FOOD-PREPARER 10"));
        QCOMPARE(m_model->get(0).value("state").toString(), QStringLiteral("joining"));
    }

    void aMemberWithNoPartitionIsIdle()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0, 1}, 2),
            test::assigned("preparer-2", "preparers", QString(), {}, 2)});
        QCOMPARE(m_model->get(0).value("state").toString(), QStringLiteral("working"));
        QCOMPARE(m_model->get(0).value("partitions").toList(), QVariantList({0, 1}));
        QCOMPARE(m_model->get(1).value("state").toString(), QStringLiteral("idle"));
        QCOMPARE(m_model->generation(), 2);
    }

    void otherTopicsAreKeptApartFromTheMainOne()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 3),
            test::assigned("preparer-1", "preparers", "HOT-FOOD", {0}, 3)});
        QCOMPARE(m_model->get(0).value("partitions").toList(), QVariantList({0}));
        QCOMPARE(m_model->get(0).value("other").toString(), QStringLiteral("HOT-FOOD P0"));
    }

    void revokedPartitionsAreGivenUp()
    {
        shop::ShopEvent revoked = test::assigned("preparer-1", "preparers", "ORDER", {1}, 3);
        revoked.kind = K::PartitionsRevoked;
        m_model->applyEvents(
            {test::assigned("preparer-1", "preparers", "ORDER", {0, 1}, 3), revoked});
        QCOMPARE(m_model->get(0).value("partitions").toList(), QVariantList({0}));
    }

    void lagAndHandledCountAddUp()
    {
        shop::ShopEvent lag0 = test::event(K::Lag, "preparer-1", "preparers", "ORDER", 0);
        lag0.value = 3;
        shop::ShopEvent lag1 = test::event(K::Lag, "preparer-1", "preparers", "ORDER", 1);
        lag1.value = 4;
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0, 1}, 1), lag0,
            lag1, test::event(K::OrderTaken, "preparer-1", "preparers", "ORDER", 0, 5, 7, 1),
            test::event(K::OrderTaken, "preparer-1", "preparers", "HOT-FOOD", 0, 5, 7, 1)});
        QCOMPARE(m_model->get(0).value("lag").toLongLong(), 7);
        QCOMPARE(m_model->get(0).value("handled").toLongLong(), 1);
    }

    void aVanishedMemberIsGoneUntilTheGroupMovesOn()
    {
        shop::ShopEvent vanished = test::event(K::ParticipantStopped, "preparer-2", "preparers");
        vanished.text = QStringLiteral("vanished");
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 1),
            test::assigned("preparer-2", "preparers", "ORDER", {1}, 1), vanished});
        QCOMPARE(m_model->get(1).value("state").toString(), QStringLiteral("gone"));

        shop::ClusterView s;
        shop::ClusterView::Group g;
        g.groupId = "preparers";
        g.state = "Stable";
        g.generation = 2;
        shop::ClusterView::Member m;
        m.clientId = "preparer-2";
        g.members.append(m);
        s.groups.append(g);
        m_model->applyView(s);
        QCOMPARE(m_model->rowCount(), 2);
        s.groups[0].members.clear();
        m_model->applyView(s);
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->state(), QStringLiteral("Stable"));
    }

    void aStableGroupsAssignmentAndLagComeFromTheCluster()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0, 1}, 1),
            test::assigned("preparer-2", "preparers", "ORDER", {}, 1)});
        QCOMPARE(m_model->get(1).value("state").toString(), QStringLiteral("idle"));

        shop::ClusterView s;
        s.topics.append(test::topic("ORDER", {{0, 10}, {0, 6}}));
        shop::ClusterView::Group g;
        g.groupId = "preparers";
        g.state = "Stable";
        shop::ClusterView::Member one;
        one.clientId = "preparer-1";
        one.assignment["ORDER"] = {1};
        shop::ClusterView::Member two;
        two.clientId = "preparer-2";
        two.assignment["ORDER"] = {0};
        g.members = {one, two};
        g.committed = {{"ORDER", 0, 7, 0}, {"ORDER", 1, 6, 0}};
        s.groups.append(g);
        s.computeLag();
        m_model->applyView(s);

        QCOMPARE(m_model->get(0).value("partitions").toList(), QVariantList {1});
        QCOMPARE(m_model->get(1).value("partitions").toList(), QVariantList {0});
        QCOMPARE(m_model->get(1).value("state").toString(), QStringLiteral("working"));
        QCOMPARE(m_model->get(1).value("lag").toLongLong(), 3);
        QCOMPARE(m_model->get(0).value("lag").toLongLong(), 0);
    }

    void anAssignmentOfANewerGenerationTakesTheOlderOnesAway()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 3),
            test::assigned("preparer-4", "preparers", "ORDER", {0, 1, 2, 3}, 4)});
        QCOMPARE(m_model->get(0).value("partitions").toList(), QVariantList {});
        QCOMPARE(m_model->get(0).value("state").toString(), QStringLiteral("idle"));
        QCOMPARE(m_model->ownersOf("ORDER", 4), QStringList(4, QStringLiteral("preparer-4")));
        // Heard late, the older generation's assignment is void.
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 3)});
        QCOMPARE(m_model->ownersOf("ORDER", 4), QStringList(4, QStringLiteral("preparer-4")));
    }

    void aRestartedBrokerCountsGenerationsAfresh()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0, 1}, 7)});
        m_model->forgetGeneration();
        QCOMPARE(m_model->generation(), 7);
        m_model->applyEvents({test::assigned("preparer-2", "preparers", "ORDER", {0, 1}, 1)});
        QCOMPARE(m_model->generation(), 1);
        QCOMPARE(m_model->ownersOf("ORDER", 2),
            (QStringList {QStringLiteral("preparer-2"), QStringLiteral("preparer-2")}));
    }

    void aStableReadingLeavesOutMembersThatAreNotInItsGeneration()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 2),
            test::assigned("preparer-2", "preparers", "ORDER", {1}, 2)});
        shop::ClusterView s;
        shop::ClusterView::Group g;
        g.groupId = "preparers";
        g.state = "Stable";
        g.generation = 3;
        shop::ClusterView::Member one;
        one.clientId = "preparer-1";
        one.assignment["ORDER"] = {0, 1};
        g.members = {one};
        s.groups.append(g);
        m_model->applyView(s);
        QCOMPARE(m_model->ownersOf("ORDER", 2),
            (QStringList {QStringLiteral("preparer-1"), QStringLiteral("preparer-1")}));
        QCOMPARE(m_model->get(1).value("state").toString(), QStringLiteral("idle"));
        // A reading older than what the members said is not drawn.
        g.generation = 2;
        g.members.first().assignment["ORDER"] = {0};
        s.groups = {g};
        m_model->applyView(s);
        QCOMPARE(m_model->get(0).value("partitions").toList(), (QVariantList {0, 1}));
    }

    void aMemberThatLeavesIsRemoved()
    {
        shop::ShopEvent left = test::event(K::ParticipantStopped, "preparer-1", "preparers");
        left.text = QStringLiteral("left");
        m_model->applyEvents({test::event(K::ParticipantStarted, "preparer-1", "preparers"), left});
        QCOMPARE(m_model->rowCount(), 0);
    }

    void aPrefixFollowsEveryLateGroup()
    {
        MemberModel late(QStringLiteral("late-*"), QStringLiteral("ORDER"));
        QAbstractItemModelTester tester(
            &late, QAbstractItemModelTester::FailureReportingMode::QtTest);
        late.applyEvents({test::event(K::ParticipantStarted, "late-1", "late-1"),
            test::event(K::ParticipantStarted, "late-2", "late-2"),
            test::event(K::ParticipantStarted, "preparer-1", "preparers")});
        QCOMPARE(late.rowCount(), 2);
    }

private:
    std::unique_ptr<MemberModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestMemberModel)
#include "tst_membermodel.moc"
