#include "back_office_model.h"
#include "model_events.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using namespace chippy::gui::test;
using Kind = shop::ShopEvent::Kind;

// The back-office cards' model: a row per reader the session reports joined, its lag from the
// cluster's view, and its replay, catching up and store errors from its events.
class TestBackOfficeModel : public QObject
{
    Q_OBJECT

private:
    static shop::ClusterView viewOf(qint64 orderEnd, qint64 committed)
    {
        shop::ClusterView view;
        view.topics = {topic(QStringLiteral("ORDER"), {{0, orderEnd}})};
        shop::ClusterView::Group group;
        group.groupId = QStringLiteral("accountant");
        if (committed >= 0) {
            group.committed.append({QStringLiteral("ORDER"), 0, committed, 0});
        }
        view.groups = {group};
        return view;
    }

    static shop::ShopEvent replaying(qint64 offset)
    {
        return test::event(Kind::Replaying, QStringLiteral("accountant"),
            QStringLiteral("accountant"), QStringLiteral("ORDER"), 0, offset);
    }

private slots:
    void init()
    {
        m_model = std::make_unique<BackOfficeModel>(shop::TopicNames {});
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void aRowPerJoinedReaderWithTheTopicsItReads()
    {
        m_model->setJoined({QStringLiteral("accountant"), QStringLiteral("stockist")});
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->get(0).value("title").toString(), QStringLiteral("ACCOUNTANT"));
        QCOMPARE(m_model->get(1).value("topics").toString(), QStringLiteral("ORDER · COOK"));
        QCOMPARE(m_model->get(1).value("state").toString(), QStringLiteral("joining"));
        m_model->setJoined({QStringLiteral("stockist")});
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->rowOf(QStringLiteral("stockist")), 0);
    }

    void lagFallsAsTheReaderCommitsAndItCatchesUpPastTheOldLogEnd()
    {
        m_model->setJoined({QStringLiteral("accountant")});
        m_model->applyView(viewOf(100, -1));
        QCOMPARE(m_model->get(0).value("lag").toLongLong(), 100);
        m_model->applyEvents({replaying(0)});
        QCOMPARE(
            m_model->get(0).value("status").toString(), QStringLiteral("replaying from offset 0"));
        m_model->applyView(viewOf(110, 60));
        QCOMPARE(m_model->get(0).value("lag").toLongLong(), 50);
        QCOMPARE(m_model->get(0).value("state").toString(), QStringLiteral("replaying"));
        // Past where the log ended when it joined: caught up, though new orders keep coming.
        m_model->applyView(viewOf(120, 105));
        QCOMPARE(m_model->get(0).value("lag").toLongLong(), 15);
        QCOMPARE(m_model->get(0).value("status").toString(), QStringLiteral("caught up"));
        m_model->applyView(viewOf(120, 120));
        QCOMPARE(m_model->get(0).value("lag").toLongLong(), 0);
    }

    void aStoreThatCannotBeWrittenIsSaidUntilItTakesABatchAgain()
    {
        m_model->setJoined({QStringLiteral("accountant")});
        m_model->applyEvents({replaying(0)});
        const QString words = QStringLiteral("accountant cannot write to the ledger: disk full; "
                                             "holding 12 records and trying again");
        shop::ShopEvent error = test::event(Kind::Error, QStringLiteral("accountant"));
        error.text = words;
        m_model->applyEvents({error});
        QCOMPARE(m_model->get(0).value("state").toString(), QStringLiteral("error"));
        QCOMPARE(m_model->get(0).value("status").toString(), words);
        shop::ShopEvent recorded = test::event(Kind::Recorded, QStringLiteral("accountant"));
        recorded.value = 12;
        m_model->applyEvents({recorded});
        QCOMPARE(m_model->get(0).value("state").toString(), QStringLiteral("replaying"));
        QCOMPARE(m_model->get(0).value("recorded").toLongLong(), 12);
    }

    void eventsOfOtherParticipantsAreLeftAlone()
    {
        m_model->setJoined({QStringLiteral("accountant")});
        shop::ShopEvent error = test::event(Kind::Error, QStringLiteral("preparer-1"));
        error.text = QStringLiteral("something else");
        m_model->applyEvents({error});
        QCOMPARE(m_model->get(0).value("state").toString(), QStringLiteral("joining"));
    }

private:
    std::unique_ptr<BackOfficeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(TestBackOfficeModel)
#include "tst_backofficemodel.moc"
