#include "analytics/analytics_store.h"
#include "back_office_fixture.h"
#include "figures_compare.h"
#include "ledger/ledger.h"
#include "opensearch_node_process.h"
#include "postgres_database.h"
#include "real_servers.h"
#include "shop/participants/ledger_reader.h"
#include "shop/participants/statistician.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace chippy;
using namespace chippy::shop;

// The back office against the real stores it stands for: OpenSearch 2.19 and PostgreSQL 15,
// started by the test fixtures (and one OpenSearch node of this test's own, to kill).
class TestBackOfficeReal : public QObject
{
    Q_OBJECT

private:
    static constexpr int kCatchUpMs = 90000;

    QTemporaryDir m_dir;
    test::RealOpenSearch m_search;
    test::RealPostgres m_postgres;

    static QString unique(const QString &stem)
    {
        return stem + QString::number(QRandomGenerator::global()->generate(), 36);
    }

    // A database of this test's own on the fixture's PostgreSQL.
    QString createDatabase()
    {
        QString error;
        const auto name = test::createPostgresDatabase(m_postgres, &error);
        if (!name) {
            qWarning() << "cannot create a database:" << error;
        }
        return m_postgres.dsn(name.value_or(QString()));
    }

    static std::optional<analytics::Figures> figuresOf(const analytics::AnalyticsSettings &settings)
    {
        QString error;
        const auto store = analytics::openAnalyticsStore(settings);
        if (!store->sync(&error)) {
            return std::nullopt;
        }
        return store->figures({}, &error);
    }

    static qint64 documents(const analytics::AnalyticsSettings &settings)
    {
        QString error;
        const auto store = analytics::openAnalyticsStore(settings);
        if (!store->sync(&error)) {
            return -1;
        }
        return store->documentCount(&error).value_or(-1);
    }

    static ledger::LedgerTotals books(const ledger::LedgerSettings &settings)
    {
        QString error;
        const auto ledger = ledger::Ledger::open(settings, &error);
        return ledger ? ledger->totals(&error).value_or(ledger::LedgerTotals {})
                      : ledger::LedgerTotals {};
    }

    // Remembers a sighting: a QTRY macro asks once more after its loop, and draining forgets.
    static bool sawError(ShopContext &context, const QString &words, bool &seen)
    {
        for (const ShopEvent &e : context.events.drain()) {
            seen = seen || (e.kind == ShopEvent::Kind::Error && e.text.contains(words));
        }
        return seen;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_search = test::realOpenSearch();
        QVERIFY2(m_search.running(), qPrintable(m_search.error));
        m_postgres = test::realPostgres();
        QVERIFY2(m_postgres.running(), qPrintable(m_postgres.error));
    }

    void theStatisticianGivesTheSameFiguresInOpenSearchAndInSqlite()
    {
        test::ShopFixture f(test::backOfficeShopConfig());
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served >= 60, 30000);
        QVERIFY(f.drain());
        ShopConfig config = f.shop->config();
        const test::LogTotals log = test::LogTotals::read(f.broker.bootstrap(), config);

        ShopConfig toOpenSearch = config;
        toOpenSearch.analytics.url = m_search.url;
        toOpenSearch.analytics.index = unique(QStringLiteral("backoffice-"));
        ShopConfig toSqlite = config;
        toSqlite.analytics.sqlitePath = m_dir.filePath(unique(QStringLiteral("parity")));
        // One after the other: both are the shop's statistician, so they share one group.
        for (const ShopConfig &statisticianConfig : {toOpenSearch, toSqlite}) {
            QElapsedTimer clock;
            clock.start();
            test::ReaderThread<Statistician> statistician(
                std::make_shared<ShopContext>(statisticianConfig));
            QTRY_COMPARE_WITH_TIMEOUT(
                documents(statisticianConfig.analytics), log.documents(), kCatchUpMs);
            qInfo("%s caught up with %lld records in %lld ms",
                statisticianConfig.analytics.usesOpenSearch() ? "OpenSearch" : "SQLite",
                log.documents(), clock.elapsed());
        }
        const auto fromSearch = figuresOf(toOpenSearch.analytics);
        const auto fromSqlite = figuresOf(toSqlite.analytics);
        QVERIFY(fromSearch && fromSqlite);
        const QString differences = analytics::test::figureDifferences(*fromSearch, *fromSqlite);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
        QCOMPARE(fromSearch->ordersCounted, f.shop->stats().counts().placed);
        QCOMPARE(fromSearch->moneyTakenPence, log.moneyPence);
        QCOMPARE(fromSearch->ordersCooked, log.cookRecords);
    }

    void theAccountantKilledAndStartedAgainBooksEveryOrderOnceInPostgres()
    {
        test::ShopFixture f(test::backOfficeShopConfig());
        QVERIFY(f.shop->start().ok);
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served >= 20, 30000);
        ShopConfig config = f.shop->config();
        config.ledger.dsn = createDatabase();
        for (int round = 0; round < 3; ++round) {
            const qint64 before = books(config.ledger).orders;
            test::ReaderThread<Accountant> accountant(std::make_shared<ShopContext>(config));
            QTRY_VERIFY_WITH_TIMEOUT(books(config.ledger).orders > before, kCatchUpMs);
            accountant.vanish();
        }
        test::ReaderThread<Accountant> last(std::make_shared<ShopContext>(config));
        QVERIFY(f.drain());
        const test::LogTotals log = test::LogTotals::read(f.broker.bootstrap(), config);
        QTRY_COMPARE_WITH_TIMEOUT(books(config.ledger).orders, log.orders, kCatchUpMs);
        QCOMPARE(books(config.ledger).moneyTakenPence, log.moneyPence);
        QCOMPARE(log.orders, f.shop->stats().counts().placed);
    }

    void theStatisticianLosesAndDoublesNothingWhenOpenSearchIsKilledAndComesBack()
    {
        const QString serversDir = analytics::test::serversDirFromEnvironment();
        analytics::test::OpenSearchNodeProcess node(
            serversDir, m_dir.filePath(QStringLiteral("node")));
        const QString started = node.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));

        test::ShopFixture f(test::backOfficeShopConfig());
        QVERIFY(f.shop->start().ok);
        ShopConfig config = f.shop->config();
        config.analytics.url = node.url();
        config.analytics.index = unique(QStringLiteral("killed-"));
        config.analytics.requestTimeoutMs = 3000;
        auto context = std::make_shared<ShopContext>(config);
        test::ReaderThread<Statistician> statistician(context);
        QTRY_VERIFY_WITH_TIMEOUT(documents(config.analytics) >= 100, kCatchUpMs);

        const QString killed = node.kill();
        QVERIFY2(killed.isEmpty(), qPrintable(killed));
        QElapsedTimer sinceKill;
        sinceKill.start();
        bool seen = false;
        QTRY_VERIFY_WITH_TIMEOUT(sawError(*context, QStringLiteral("trying again"), seen), 30000);
        qInfo("the statistician said why %lld ms after the kill", sinceKill.elapsed());
        // The shop does not wait for its statistician.
        const qint64 served = f.shop->stats().counts().served;
        QTRY_VERIFY_WITH_TIMEOUT(f.shop->stats().counts().served >= served + 30, 30000);

        node.beginRestart();
        QTRY_VERIFY_WITH_TIMEOUT(node.restartDone(), 300000);
        QVERIFY2(node.restartProblem().isEmpty(), qPrintable(node.restartProblem()));
        QVERIFY(f.drain());
        const test::LogTotals log = test::LogTotals::read(f.broker.bootstrap(), config);
        QTRY_COMPARE_WITH_TIMEOUT(documents(config.analytics), log.documents(), kCatchUpMs);
        const auto figures = figuresOf(config.analytics);
        QVERIFY(figures);
        QCOMPARE(figures->ordersCounted, f.shop->stats().counts().placed);
        QCOMPARE(figures->moneyTakenPence, log.moneyPence);
    }
};

QTEST_GUILESS_MAIN(TestBackOfficeReal)
#include "tst_backofficereal.moc"
