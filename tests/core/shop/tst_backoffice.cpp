#include "analytics/analytics_store.h"
#include "back_office_fixture.h"
#include "ledger/ledger.h"
#include "shop/participants/ledger_reader.h"
#include "shop/participants/statistician.h"

#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// The back office on the embedded broker and the embedded SQLite stores: late joiners replay
// the whole log, count every order once, survive being killed, and hold still while their
// store is down.
class TestBackOffice : public QObject
{
    Q_OBJECT

private:
    static constexpr int kCatchUpMs = 60000;

    QTemporaryDir m_dir;

    ShopConfig readerConfig(const test::ShopFixture &f, const QString &name) const
    {
        ShopConfig config = f.shop->config();
        config.analytics.sqlitePath = m_dir.filePath(name + QStringLiteral(".analytics.db"));
        config.ledger.dsn
            = QStringLiteral("sqlite:") + m_dir.filePath(name + QStringLiteral(".ledger.db"));
        return config;
    }

    static std::shared_ptr<ShopContext> contextFor(const ShopConfig &config)
    {
        return std::make_shared<ShopContext>(config);
    }

    static qint64 documents(const analytics::AnalyticsSettings &settings)
    {
        QString error;
        const auto store = analytics::openAnalyticsStore(settings);
        const auto count = store->documentCount(&error);
        return count.value_or(-1);
    }

    static ledger::LedgerTotals books(const ledger::LedgerSettings &settings)
    {
        QString error;
        const auto ledger = ledger::Ledger::open(settings, &error);
        return ledger ? ledger->totals(&error).value_or(ledger::LedgerTotals {})
                      : ledger::LedgerTotals {};
    }

    static QList<ShopEvent> eventsOf(ShopContext &context, ShopEvent::Kind kind)
    {
        QList<ShopEvent> found;
        for (const ShopEvent &e : context.events.drain()) {
            if (e.kind == kind) {
                found.append(e);
            }
        }
        return found;
    }

    static void startShopAndServe(test::ShopFixture &f, qint64 served)
    {
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served >= served, 30000);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void theStatisticianReplaysTheLogFromTheStartAndCountsEveryRecordOnce()
    {
        test::ShopFixture f(test::backOfficeShopConfig());
        startShopAndServe(f, 40);
        const ShopConfig config = readerConfig(f, QStringLiteral("statistician"));
        auto context = contextFor(config);
        test::ReaderThread<Statistician> statistician(context);
        QVERIFY(f.drain());
        const test::LogTotals log = test::LogTotals::read(f.broker.bootstrap(), config);
        QCOMPARE(log.orders, f.shop->stats().counts().placed);
        QTRY_COMPARE_WITH_TIMEOUT(documents(config.analytics), log.documents(), kCatchUpMs);

        // It began every partition at the start of the log, and said so.
        const QList<ShopEvent> replays = eventsOf(*context, ShopEvent::Kind::Replaying);
        QVERIFY(!replays.isEmpty());
        for (const ShopEvent &e : replays) {
            QCOMPARE(e.offset, 0);
            QVERIFY2(e.text.contains(QStringLiteral("from offset 0")), qPrintable(e.text));
        }

        QString error;
        const auto store = analytics::openAnalyticsStore(config.analytics);
        const auto figures = store->figures({}, &error);
        QVERIFY2(figures, qPrintable(error));
        QCOMPARE(figures->ordersCounted, log.orders);
        QCOMPARE(figures->moneyTakenPence, log.moneyPence);
        QCOMPARE(figures->ordersCooked, log.cookRecords);
        QCOMPARE(figures->ordersReady, log.readyRecords);
        QVERIFY(figures->prepP95Ms >= figures->prepP50Ms);
        QVERIFY(figures->prepP50Ms > 0);

        // A second statistician reads everything again into the same store: nothing doubles.
        statistician.stop();
        auto again = contextFor(config);
        test::ReaderThread<Statistician> second(again);
        qint64 recorded = 0;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ShopEvent &e : eventsOf(*again, ShopEvent::Kind::Recorded)) {
                    recorded += e.value;
                }
                return recorded >= log.documents();
            }(),
            kCatchUpMs);
        QCOMPARE(documents(config.analytics), log.documents());
    }

    void theAccountantKilledAndStartedAgainBooksEveryOrderExactlyOnce()
    {
        test::ShopFixture f(test::backOfficeShopConfig());
        startShopAndServe(f, 20);
        const ShopConfig config = readerConfig(f, QStringLiteral("killed-accountant"));
        {
            test::ReaderThread<Accountant> first(contextFor(config));
            QTRY_VERIFY_WITH_TIMEOUT(books(config.ledger).orders >= 20, kCatchUpMs);
            first.vanish();
        }
        const qint64 bookedBeforeTheCrash = books(config.ledger).orders;
        test::ReaderThread<Accountant> second(contextFor(config));
        // Orders the first accountant never saw, so the second has something of its own to book.
        QTRY_VERIFY_WITH_TIMEOUT(
            f.shop->stats().counts().placed >= bookedBeforeTheCrash + 20, 30000);
        QVERIFY(f.drain());
        const test::LogTotals log = test::LogTotals::read(f.broker.bootstrap(), config);
        QVERIFY(log.orders > bookedBeforeTheCrash);
        QTRY_COMPARE_WITH_TIMEOUT(books(config.ledger).orders, log.orders, kCatchUpMs);
        QCOMPARE(books(config.ledger).moneyTakenPence, log.moneyPence);

        // The ledger's offsets are the log's ends: the next accountant starts where this one
        // stopped.
        second.stop();
        QString error;
        const auto ledger = ledger::Ledger::open(config.ledger, &error);
        const auto offsets = ledger->offsets(config.topics.accountant(), &error);
        QVERIFY2(offsets, qPrintable(error));
        qint64 read = 0;
        for (const ledger::SourceOffset &o : *offsets) {
            QCOMPARE(o.topic, config.topics.order());
            read += o.nextOffset;
        }
        QCOMPARE(read, log.orders);
    }

    void theStockistBooksThePortionsOrderedAndFriedToOrder()
    {
        test::ShopFixture f(test::backOfficeShopConfig());
        startShopAndServe(f, 30);
        const ShopConfig config = readerConfig(f, QStringLiteral("stockist"));
        test::ReaderThread<Stockist> stockist(contextFor(config));
        QVERIFY(f.drain());
        const test::LogTotals log = test::LogTotals::read(f.broker.bootstrap(), config);
        QVERIFY(log.portionsCooked.value(QStringLiteral("plaice")) > 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            books(config.ledger).portionsOrdered, log.portionsOrdered, kCatchUpMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            books(config.ledger).portionsCooked, log.portionsCooked, kCatchUpMs);
    }

    void aStatisticianWhoseStoreIsDownSaysWhyAndTheShopCarriesOn()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();

        test::ShopFixture f(test::backOfficeShopConfig());
        startShopAndServe(f, 10);
        ShopConfig config = readerConfig(f, QStringLiteral("down"));
        config.analytics.url = QStringLiteral("http://127.0.0.1:%1").arg(port);
        config.analytics.requestTimeoutMs = 2000;
        auto context = contextFor(config);
        test::ReaderThread<Statistician> statistician(context);

        QString words;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const ShopEvent &e : eventsOf(*context, ShopEvent::Kind::Error)) {
                    words = e.text;
                }
                return !words.isEmpty();
            }(),
            30000);
        QVERIFY2(words.contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(words));
        QVERIFY2(words.contains(QStringLiteral("trying again")), qPrintable(words));
        const qint64 served = f.shop->stats().counts().served;
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served >= served + 20, 30000);
    }
};

QTEST_GUILESS_MAIN(TestBackOffice)
#include "tst_backoffice.moc"
