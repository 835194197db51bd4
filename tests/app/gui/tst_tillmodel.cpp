#include "model_events.h"
#include "shop/queue_mapping.h"
#include "till_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using K = shop::ShopEvent::Kind;

class TestTillModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<TillModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void eachTillShowsItsKeyAndPartition()
    {
        m_model->setTills(4);
        m_model->setPartitions(3);
        QCOMPARE(m_model->rowCount(), 4);
        for (int row = 0; row < 4; ++row) {
            const QVariantMap till = m_model->get(row);
            QCOMPARE(till.value("key").toString(), QString::number(row + 1));
            QCOMPARE(till.value("partition").toInt(), shop::partitionForQueue(row + 1, 3));
        }
    }

    void customersWaitUntilServed()
    {
        m_model->setTills(2);
        m_model->applyEvents({test::placed(2, 0, 0, 1), test::placed(2, 0, 1, 2),
            test::event(K::OrderServed, "counter-1", "counters", "READY", 0, 0, 1, 2)});
        QCOMPARE(m_model->get(1).value("waiting").toLongLong(), 1);
        QCOMPARE(m_model->get(1).value("placed").toLongLong(), 2);
        QCOMPARE(m_model->get(0).value("waiting").toLongLong(), 0);
    }

    void aClosedTillStaysWhileItsCustomersWait()
    {
        m_model->setTills(3);
        m_model->applyEvents({test::placed(3, 0, 0, 1)});
        m_model->setTills(2);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(m_model->get(2).value("open").toBool(), false);
        m_model->applyEvents(
            {test::event(K::OrderServed, "counter-1", "counters", "READY", 0, 0, 1, 3)});
        QCOMPARE(m_model->rowCount(), 2);
    }

private:
    std::unique_ptr<TillModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestTillModel)
#include "tst_tillmodel.moc"
