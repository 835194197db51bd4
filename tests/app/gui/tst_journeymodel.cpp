#include "journey_model.h"
#include "model_events.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using K = shop::ShopEvent::Kind;

class TestJourneyModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_index = std::make_unique<OrderIndex>();
        m_model = std::make_unique<JourneyModel>(m_index.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_index.reset();
    }

    void anOrderShowsEveryHopWithTopicPartitionAndOffset()
    {
        QVector<shop::ShopEvent> hops = {test::placed(2, 1, 41, 7),
            test::event(K::OrderTaken, "preparer-1", "preparers", "ORDER", 1, 41, 7, 2),
            test::event(K::SentToCook, "preparer-1", "preparers", "COOK", 0, 3, 7, 2),
            test::event(K::OrderTaken, "cook-1", "cooks", "COOK", 0, 3, 7, 2),
            test::event(K::Cooked, "cook-1", "cooks", "HOT-FOOD", 0, 2, 7, 2),
            test::event(K::OrderReady, "preparer-2", "preparers", "READY", 1, 9, 7, 2),
            test::event(K::OrderServed, "counter-1", "counters", "READY", 1, 9, 7, 2),
            test::placed(1, 0, 5, 8)};
        for (int i = 0; i < hops.size(); ++i) {
            hops[i].timeMs = 1000 + i * 10;
        }
        m_model->follow(7);
        QVERIFY(m_index->add(hops, m_model->order()));
        m_model->refresh();
        QCOMPARE(m_model->rowCount(), 7);
        QCOMPARE(m_model->get(0).value("place").toString(), QStringLiteral("ORDER/P1@41"));
        QCOMPARE(m_model->get(4).value("step").toString(), QStringLiteral("cook-1 cooked it onto"));
        QCOMPARE(m_model->get(6).value("elapsed").toLongLong(), 60);
        QVERIFY(m_model->summary().contains(QStringLiteral("READY/P1@9")));
    }

    void hopsReportedOutOfOrderAreShownInTheOrderTheyHappened()
    {
        // As the window receives them: acknowledgements of writes come after the reads of the
        // records they wrote, and the cook's loop runs twice.
        const auto at = [](shop::ShopEvent e, qint64 timeMs) {
            e.timeMs = timeMs;
            return e;
        };
        const QVector<shop::ShopEvent> reported = {
            at(test::event(K::OrderTaken, "preparer-1", "preparers", "ORDER", 1, 41, 7, 2), 1003),
            at(test::placed(2, 1, 41, 7), 1000),
            at(test::event(K::OrderTaken, "cook-1", "cooks", "COOK", 0, 3, 7, 2), 1006),
            at(test::event(K::SentToCook, "preparer-1", "preparers", "COOK", 0, 3, 7, 2), 1005),
            at(test::event(K::Cooked, "cook-1", "cooks", "HOT-FOOD", 0, 2, 7, 2), 1010),
            at(test::event(K::OrderTaken, "preparer-2", "preparers", "HOT-FOOD", 0, 2, 7, 2), 1011),
            at(test::event(K::SentToCook, "preparer-2", "preparers", "COOK", 0, 4, 7, 2), 1012),
            at(test::event(K::OrderTaken, "cook-1", "cooks", "COOK", 0, 4, 7, 2), 1013),
            at(test::event(K::Cooked, "cook-1", "cooks", "HOT-FOOD", 0, 5, 7, 2), 1020),
            at(test::event(K::OrderTaken, "preparer-1", "preparers", "HOT-FOOD", 0, 5, 7, 2), 1021),
            at(test::event(K::OrderServed, "counter-1", "counters", "READY", 1, 9, 7, 2), 1030),
            at(test::event(K::OrderReady, "preparer-1", "preparers", "READY", 1, 9, 7, 2), 1030),
        };
        m_model->follow(7);
        m_index->add(reported, 7);
        m_model->refresh();
        QStringList steps;
        for (int row = 0; row < m_model->rowCount(); ++row) {
            steps << m_model->get(row).value("step").toString() + QLatin1Char(' ')
                    + m_model->get(row).value("place").toString();
        }
        const QStringList happened = {
            "till-2 placed it on ORDER/P1@41",
            "preparer-1 took it from ORDER/P1@41",
            "preparer-1 sent it to COOK/P0@3",
            "cook-1 took it from COOK/P0@3",
            "cook-1 cooked it onto HOT-FOOD/P0@2",
            "preparer-2 took it from HOT-FOOD/P0@2",
            "preparer-2 sent it to COOK/P0@4",
            "cook-1 took it from COOK/P0@4",
            "cook-1 cooked it onto HOT-FOOD/P0@5",
            "preparer-1 took it from HOT-FOOD/P0@5",
            "preparer-1 made it up onto READY/P1@9",
            "counter-1 served it from READY/P1@9",
        };
        QCOMPARE(steps, happened);
        QCOMPARE(m_model->get(11).value("elapsed").toLongLong(), 30);
    }

    void anUnknownOrderSaysSo()
    {
        m_model->follow(99);
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(m_model->summary().contains(QStringLiteral("no hops")));
    }

    void theIndexForgetsTheOldestOrders()
    {
        QVector<shop::ShopEvent> many;
        for (int i = 0; i < OrderIndex::kMaxOrders + 10; ++i) {
            many << test::placed(1, 0, i, i);
        }
        m_index->add(many);
        QCOMPARE(m_index->size(), OrderIndex::kMaxOrders);
        QVERIFY(!m_index->contains(0));
        QVERIFY(m_index->contains(OrderIndex::kMaxOrders + 9));
    }

private:
    std::unique_ptr<OrderIndex> m_index;
    std::unique_ptr<JourneyModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestJourneyModel)
#include "tst_journeymodel.moc"
