#include "model_events.h"
#include "notice_model.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace chippy;
using namespace chippy::gui;
using K = shop::ShopEvent::Kind;

class TestNoticeModel : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_model = std::make_unique<NoticeModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
    }

    void deadLettersAndErrorsAreSaidInWords()
    {
        shop::ShopEvent dead
            = test::event(K::DeadLettered, "preparer-1", "preparers", "ORDER-DLQ", 0, 4, 17);
        dead.text = QStringLiteral("\"parts\" is missing");
        shop::ShopEvent error = test::event(K::Error, "till-1");
        error.text = QStringLiteral("the broker cannot be reached");
        QSignalSpy latest(m_model.get(), &NoticeModel::latestChanged);
        m_model->applyEvents({dead, error, test::placed(1, 0, 0, 1)});
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(m_model->get(0).value("kind").toString(), QStringLiteral("error"));
        QCOMPARE(m_model->latest(), QStringLiteral("till-1: the broker cannot be reached"));
        QCOMPARE(m_model->get(1).value("text").toString(),
            QStringLiteral(
                "order 17 could not be read and went to ORDER-DLQ: \"parts\" is missing"));
        QCOMPARE(latest.count(), 2);
    }

    void commandsSayWhetherTheyWereDone()
    {
        shop::ShopEvent done = test::event(K::Command, "shop");
        done.value = 1;
        done.text = QStringLiteral("set-tills: 4 tills (was 1)");
        shop::ShopEvent refused = test::event(K::Command, "shop");
        refused.value = 0;
        refused.text = QStringLiteral("set-partitions: Kafka cannot shrink a topic");
        m_model->applyEvents({done, refused});
        QCOMPARE(m_model->get(0).value("kind").toString(), QStringLiteral("refused"));
        QCOMPARE(m_model->get(1).value("kind").toString(), QStringLiteral("done"));
    }

    void aRepeatIsCountedNotListed()
    {
        m_model->post(QStringLiteral("error"), QStringLiteral("no broker"));
        m_model->post(QStringLiteral("error"), QStringLiteral("no broker"));
        QCOMPARE(m_model->rowCount(), 1);
        QCOMPARE(m_model->get(0).value("repeats").toInt(), 2);
    }

    void aBurstOfFailuresIsOneCountedRowATill()
    {
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QVector<shop::ShopEvent> events;
        for (int i = 0; i < 3000; ++i) {
            shop::ShopEvent failed = test::event(K::PlaceFailed, "till-1");
            failed.queue = 1 + i % 3;
            failed.value = 2;
            failed.text = QStringLiteral("no broker answers");
            events.append(failed);
        }
        m_model->applyEvents(events);
        QCOMPARE(m_model->rowCount(), 3);
        QCOMPARE(inserted.count(), 3);
        QCOMPARE(m_model->get(0).value("repeats").toInt(), 2000);
        // The same again moves the rows up, counted, rather than listing them twice.
        m_model->post(QStringLiteral("done"), QStringLiteral("restart-broker: done"));
        m_model->applyEvents(events);
        QCOMPARE(m_model->rowCount(), 4);
        QCOMPARE(m_model->get(0).value("repeats").toInt(), 4000);
    }

    void theListIsBounded()
    {
        for (int i = 0; i < NoticeModel::kMaxRows + 5; ++i) {
            m_model->post(QStringLiteral("done"), QString::number(i));
        }
        QCOMPARE(m_model->rowCount(), NoticeModel::kMaxRows);
    }

private:
    std::unique_ptr<NoticeModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_GUILESS_MAIN(TestNoticeModel)
#include "tst_noticemodel.moc"
