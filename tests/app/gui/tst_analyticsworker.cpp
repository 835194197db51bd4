#include "analytics_feed.h"
#include "analytics_worker.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace chippy;
using namespace chippy::gui;

// The worker that asks the back office's stores, on a thread of its own, against the real
// embedded SQLite stores and an OpenSearch address where nothing answers; and the feed that
// shows its readings, which says a store is down in words and recovers when it answers again.
class TestAnalyticsWorker : public QObject
{
    Q_OBJECT

private:
    static constexpr int kAnswerMs = 20000;

    // A loopback port with nothing listening on it.
    static quint16 closedPort()
    {
        QTcpServer server;
        server.listen(QHostAddress::LocalHost, 0);
        return server.serverPort();
    }

    static analytics::EventDocument placed(qint64 order, int pricePence, qint64 atMs)
    {
        analytics::EventDocument d;
        d.stage = analytics::EventDocument::Stage::Placed;
        d.topic = QStringLiteral("ORDER");
        d.offset = order;
        d.timestampMs = atMs;
        d.order = order;
        d.queue = 1;
        d.items = {QStringLiteral("cod"), QStringLiteral("chips")};
        d.pricePence = pricePence;
        return d;
    }

    static analytics::EventDocument ready(qint64 order, qint64 prepMs, qint64 atMs)
    {
        analytics::EventDocument d = placed(order, 0, atMs);
        d.stage = analytics::EventDocument::Stage::Ready;
        d.topic = QStringLiteral("READY");
        d.prepMs = prepMs;
        return d;
    }

    // Starts a worker on a thread and returns its first reading.
    static shop::BackOfficeTotals firstReading(const analytics::AnalyticsSettings &analytics,
        const ledger::LedgerSettings &ledger, bool figures, bool books)
    {
        QThread thread;
        auto *worker = new AnalyticsWorker(analytics, ledger);
        worker->moveToThread(&thread);
        connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
        QSignalSpy spy(worker, &AnalyticsWorker::read);
        thread.start();
        QMetaObject::invokeMethod(
            worker, [worker, figures, books] { worker->watch(figures, books); },
            Qt::QueuedConnection);
        const bool answered = spy.wait(kAnswerMs);
        QMetaObject::invokeMethod(
            worker, [worker] { worker->stop(); }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
        return answered ? spy.first().first().value<shop::BackOfficeTotals>()
                        : shop::BackOfficeTotals {};
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<shop::BackOfficeTotals>();
        QVERIFY(m_dir.isValid());
    }

    void theEmbeddedStoresAnswerWithTheirFiguresAndBooks()
    {
        analytics::AnalyticsSettings analytics;
        analytics.sqlitePath = m_dir.filePath("analytics.db");
        {
            auto store = analytics::openAnalyticsStore(analytics);
            QString error;
            QVERIFY2(store->prepare(&error), qPrintable(error));
            QVERIFY2(store->write({placed(1, 850, 1000), placed(2, 550, 1200), ready(1, 40, 1300),
                                      ready(2, 900, 2100)},
                         &error),
                qPrintable(error));
        }
        ledger::LedgerSettings books {QStringLiteral("sqlite:") + m_dir.filePath("ledger.db")};
        {
            QString error;
            auto ledger = ledger::Ledger::open(books, &error);
            QVERIFY2(ledger, qPrintable(error));
            QVERIFY2(ledger->recordSales(QStringLiteral("accountant"), {{1, 1, 850, 1000}},
                         {{QStringLiteral("ORDER"), 0, 2}}, &error),
                qPrintable(error));
        }

        const shop::BackOfficeTotals reading = firstReading(analytics, books, true, true);
        QVERIFY2(reading.analyticsError.isEmpty(), qPrintable(reading.analyticsError));
        QVERIFY(reading.figures);
        QCOMPARE(reading.figures->ordersCounted, 2);
        QCOMPARE(reading.figures->moneyTakenPence, 1400);
        QCOMPARE(reading.figures->prepP50Ms, 40.0);
        QCOMPARE(reading.figures->prepP95Ms, 900.0);
        QVERIFY(reading.analyticsStore.startsWith(QStringLiteral("embedded SQLite")));
        QVERIFY2(reading.ledgerError.isEmpty(), qPrintable(reading.ledgerError));
        QVERIFY(reading.books);
        QCOMPARE(reading.books->orders, 1);

        AnalyticsFeed feed(QStringLiteral("GBP"));
        feed.apply(reading, 3000);
        QCOMPARE(feed.moneyTaken(), QStringLiteral("£14.00"));
        QCOMPARE(feed.moneyBooked(), QStringLiteral("£8.50"));
        QCOMPARE(feed.itemNames(), QStringList({QStringLiteral("chips"), QStringLiteral("cod")}));
        QCOMPARE(feed.maxItemOrders(), 2.0);
    }

    void onlyTheStoresOfReadersThatJoinedAreAsked()
    {
        analytics::AnalyticsSettings analytics;
        analytics.sqlitePath = m_dir.filePath("analytics.db");
        const shop::BackOfficeTotals reading = firstReading(
            analytics, {QStringLiteral("sqlite:") + m_dir.filePath("ledger.db")}, true, false);
        QVERIFY(reading.figures);
        QVERIFY(!reading.books);
        QVERIFY(reading.ledgerStore.isEmpty());
    }

    void anOpenSearchThatDoesNotAnswerIsSaidInWordsAndTheFeedRecovers()
    {
        analytics::AnalyticsSettings down;
        down.url = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
        const shop::BackOfficeTotals reading = firstReading(down, {}, true, false);
        QVERIFY(!reading.figures);
        QVERIFY2(reading.analyticsError.startsWith(
                     QStringLiteral("OpenSearch unreachable at %1 (").arg(down.url)),
            qPrintable(reading.analyticsError));
        QVERIFY(reading.analyticsError.endsWith(QLatin1Char(')')));
        // Said once, with the reason in brackets.
        QCOMPARE(reading.analyticsError.count(QStringLiteral("unreachable")), 1);

        AnalyticsFeed feed(QStringLiteral("GBP"));
        shop::BackOfficeTotals answered;
        answered.analyticsStore
            = QStringLiteral("OpenSearch at %1 (index chippy-events)").arg(down.url);
        answered.figures = analytics::Figures {};
        answered.figures->ordersCounted = 7;
        feed.apply(answered, 1000);
        feed.apply(reading, 1500);
        QCOMPARE(feed.problem(), reading.analyticsError);
        QCOMPARE(feed.ordersCounted(), 7);
        feed.apply(answered, 2000);
        QVERIFY(feed.problem().isEmpty());
        QCOMPARE(feed.store(), answered.analyticsStore);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestAnalyticsWorker)
#include "tst_analyticsworker.moc"
