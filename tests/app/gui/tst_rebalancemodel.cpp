#include "model_events.h"
#include "rebalance_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;

class TestRebalanceModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<RebalanceModel>(QMap<QString, QString> {{"preparers", "ORDER"}});
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void eachGenerationIsOneRowNewestFirst()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0, 1}, 1)});
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 2),
            test::assigned("preparer-2", "preparers", "ORDER", {1}, 2),
            test::assigned("preparer-1", "preparers", "HOT-FOOD", {0}, 2),
            test::assigned("cook-1", "cooks", "COOK", {0}, 1)});
        QCOMPARE(m_model->rowCount(), 2);
        const QVariantMap newest = m_model->get(0);
        QCOMPARE(newest.value("generation").toInt(), 2);
        QCOMPARE(newest.value("change").toString(), QStringLiteral("preparer-2 joined"));
        QCOMPARE(
            newest.value("ownership").toString(), QStringLiteral("preparer-1 P0 · preparer-2 P1"));
        QCOMPARE(m_model->get(1).value("ownership").toString(), QStringLiteral("preparer-1 P0 P1"));
    }

    void anIdleMemberIsNamed()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 1),
            test::assigned("preparer-2", "preparers", QString(), {}, 1)});
        QCOMPARE(m_model->get(0).value("ownership").toString(),
            QStringLiteral("preparer-1 P0 · preparer-2 idle"));
    }

    void aMemberThatLeftIsSaid()
    {
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, 1),
            test::assigned("preparer-2", "preparers", "ORDER", {1}, 1)});
        m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0, 1}, 2)});
        QCOMPARE(m_model->get(0).value("change").toString(), QStringLiteral("preparer-2 left"));
    }

    void theTimelineIsBounded()
    {
        for (int g = 1; g <= RebalanceModel::kMaxRows + 10; ++g) {
            m_model->applyEvents({test::assigned("preparer-1", "preparers", "ORDER", {0}, g)});
        }
        QCOMPARE(m_model->rowCount(), RebalanceModel::kMaxRows);
        QCOMPARE(m_model->get(0).value("generation").toInt(), RebalanceModel::kMaxRows + 10);
    }

private:
    std::unique_ptr<RebalanceModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestRebalanceModel)
#include "tst_rebalancemodel.moc"
