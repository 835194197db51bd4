#include "dead_letter_model.h"
#include "model_events.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using K = shop::ShopEvent::Kind;

class TestDeadLetterModel : public QObject
{
    Q_OBJECT

private:
    static shop::ShopEvent letter(qint64 offset, const QString &why)
    {
        shop::ShopEvent e = test::event(
            K::DeadLettered, QStringLiteral("preparer-2"), "preparers", "ORDER-DLQ", 0, offset);
        e.text = why;
        return e;
    }

private slots:
    void unreadableOrdersAreShownNewestFirstAndAllCounted()
    {
        DeadLetterModel model(QStringLiteral("ORDER-DLQ"));
        QAbstractItemModelTester tester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.total(), 0);
        QVector<shop::ShopEvent> events;
        for (int i = 0; i < DeadLetterModel::kShown + 3; ++i) {
            events << letter(i, QStringLiteral("not JSON %1").arg(i));
        }
        // Other topics' and other kinds' events are not dead letters of this topic.
        events << test::event(K::DeadLettered, "cook-1", "cooks", "COOK-DLQ", 0, 0)
               << test::placed(1, 0, 5, 8);
        model.applyEvents(events);
        QCOMPARE(model.total(), DeadLetterModel::kShown + 3);
        QCOMPARE(model.rowCount(), DeadLetterModel::kShown);
        QCOMPARE(model.get(0).value("offset").toLongLong(), DeadLetterModel::kShown + 2);
        QCOMPARE(model.get(0).value("reason").toString(),
            QStringLiteral("not JSON %1").arg(DeadLetterModel::kShown + 2));
        QCOMPARE(model.get(0).value("participant").toString(), QStringLiteral("preparer-2"));

        model.clear();
        QCOMPARE(model.total(), 0);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDeadLetterModel)
#include "tst_deadlettermodel.moc"
