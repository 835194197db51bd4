#include "analytics_test_data.h"
#include "figures_compare.h"
#include "store_under_test.h"

#include <QTest>

using namespace chippy::analytics;
using namespace chippy::analytics::test;

// SQLite and OpenSearch give the charts the same figures for the same documents: counts exactly,
// percentiles within kPercentileTolerance.
class TestAnalyticsParity : public QObject
{
    Q_OBJECT

private:
    static constexpr int kDocuments = 4000;
    static constexpr quint32 kSeed = 20261206;

    std::unique_ptr<StoreUnderTest> m_sqliteUnder;
    std::unique_ptr<StoreUnderTest> m_searchUnder;
    std::unique_ptr<AnalyticsStore> m_sqlite;
    std::unique_ptr<AnalyticsStore> m_search;

private slots:
    void initTestCase()
    {
        m_sqliteUnder = std::make_unique<StoreUnderTest>(StoreKind::Sqlite);
        m_searchUnder = std::make_unique<StoreUnderTest>(StoreKind::OpenSearch);
        QVERIFY2(m_searchUnder->problem().isEmpty(), qPrintable(m_searchUnder->problem()));
        m_sqlite = m_sqliteUnder->open();
        m_search = m_searchUnder->open();
        const auto documents = generatedDay(kDocuments, kSeed);
        for (auto *store : {m_sqlite.get(), m_search.get()}) {
            QString error;
            QVERIFY2(store->prepare(&error), qPrintable(error));
            QVERIFY2(store->write(documents, &error), qPrintable(error));
            QVERIFY2(store->sync(&error), qPrintable(error));
            QCOMPARE(store->documentCount(&error).value_or(-1), qint64(kDocuments));
        }
    }

    void bothStoresGiveTheSameFigures_data()
    {
        QTest::addColumn<qint64>("sinceMs");
        QTest::addColumn<qint64>("bucketMs");
        QTest::newRow("the whole day in seconds") << qint64(0) << qint64(1000);
        QTest::newRow("from the second minute in 7 s buckets")
            << kDayStartMs + 60'000 << qint64(7000);
        QTest::newRow("the last moments in 250 ms buckets") << kDayStartMs + 290'000 << qint64(250);
        QTest::newRow("after the day") << kDayStartMs + 400'000 << qint64(1000);
    }

    void bothStoresGiveTheSameFigures()
    {
        QFETCH(qint64, sinceMs);
        QFETCH(qint64, bucketMs);
        FigureQuery query;
        query.sinceMs = sinceMs;
        query.bucketMs = bucketMs;
        QString error;
        const auto fromSqlite = m_sqlite->figures(query, &error);
        QVERIFY2(fromSqlite, qPrintable(error));
        const auto fromSearch = m_search->figures(query, &error);
        QVERIFY2(fromSearch, qPrintable(error));
        const auto differences = figureDifferences(*fromSearch, *fromSqlite);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
        if (sinceMs < kDayStartMs + 300'000) {
            QVERIFY(fromSqlite->ordersCounted > 0);
            QVERIFY(fromSqlite->prepP95Ms > fromSqlite->prepP50Ms);
            QVERIFY(!fromSqlite->portionsWasted.isEmpty());
        }
    }

    void cleanupTestCase()
    {
        m_sqlite.reset();
        m_search.reset();
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsParity)
#include "tst_analyticsparity.moc"
