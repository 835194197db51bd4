#include "model_events.h"
#include "token_model.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using K = shop::ShopEvent::Kind;

class TestTokenModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<TokenModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void eachHopIsATokenBetweenTwoPlaces()
    {
        m_model->applyEvents(
            {test::placed(3, 1, 0, 9),
                test::event(K::OrderTaken, "preparer-2", "preparers", "ORDER", 1, 0, 9, 3),
                test::event(K::OrderReady, "preparer-2", "preparers", "READY", 0, 4, 9, 3),
                test::event(K::OrderServed, "counter-1", "counters", "READY", 0, 4, 9, 3),
                test::event(K::Lag, "preparer-2", "preparers", "ORDER", 1)},
            1000);
        QCOMPARE(m_model->rowCount(), 4);
        const auto at = [&](int row, int role) {
            return m_model->data(m_model->index(row), role).toString();
        };
        QCOMPARE(at(0, TokenModel::FromRole), QStringLiteral("till:3"));
        QCOMPARE(at(0, TokenModel::ToRole), QStringLiteral("ORDER:1"));
        QCOMPARE(at(1, TokenModel::ToRole), QStringLiteral("member:preparer-2"));
        QCOMPARE(at(2, TokenModel::FromRole), QStringLiteral("member:preparer-2"));
        QCOMPARE(at(2, TokenModel::ToRole), QStringLiteral("READY:0"));
        QCOMPARE(at(3, TokenModel::ToRole), QStringLiteral("member:counter-1"));
        QCOMPARE(m_model->data(m_model->index(0), TokenModel::QueueRole).toInt(), 3);
    }

    void tokensLandAndGo()
    {
        m_model->applyEvents({test::placed(1, 0, 0, 1)}, 1000);
        m_model->applyEvents({test::placed(1, 0, 1, 2)}, 1300);
        m_model->expire(1000 + TokenModel::kFlightMs);
        QCOMPARE(m_model->rowCount(), 1);
        m_model->expire(1300 + TokenModel::kFlightMs);
        QCOMPARE(m_model->rowCount(), 0);
    }

    void theNumberOfTokensIsBoundedWhateverTheRate()
    {
        QVector<shop::ShopEvent> burst;
        for (int i = 0; i < 5000; ++i) {
            burst << test::placed(1 + i % 4, i % 3, i, i);
        }
        m_model->applyEvents(burst, 1000);
        QCOMPARE(m_model->rowCount(), TokenModel::kMaxTokens);
        QCOMPARE(m_model->dropped(), 5000 - TokenModel::kMaxTokens);
    }

    void noTokensWhenDisabled()
    {
        m_model->setEnabled(false);
        m_model->applyEvents({test::placed(1, 0, 0, 1)}, 1000);
        QCOMPARE(m_model->rowCount(), 0);
    }

private:
    std::unique_ptr<TokenModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestTokenModel)
#include "tst_tokenmodel.moc"
