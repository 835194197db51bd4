#include "analytics_test_data.h"
#include "figures_compare.h"
#include "store_under_test.h"

#include "analytics/opensearch_store.h"
#include "analytics/sqlite_schema.h"

#include <QTest>
#include <QThread>

using namespace chippy::analytics;
using namespace chippy::analytics::test;

// The analytics store's contract, run on the store CHIPPY_ANALYTICS_STORE names (ctest runs it
// as tst_analyticsstore_sqlite and tst_analyticsstore_opensearch): every figure against numbers
// worked out by hand.
class TestAnalyticsStore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<StoreUnderTest> m_under;
    std::unique_ptr<AnalyticsStore> m_store;

    std::optional<Figures> figuresSince(qint64 sinceMs)
    {
        QString error;
        if (!m_store->sync(&error)) {
            qWarning("sync: %s", qPrintable(error));
            return std::nullopt;
        }
        FigureQuery query;
        query.sinceMs = sinceMs;
        query.bucketMs = 1000;
        auto figures = m_store->figures(query, &error);
        if (!figures) {
            qWarning("figures: %s", qPrintable(error));
        }
        return figures;
    }

    qint64 count()
    {
        QString error;
        if (!m_store->sync(&error)) {
            qWarning("sync: %s", qPrintable(error));
            return -1;
        }
        const auto counted = m_store->documentCount(&error);
        if (!counted) {
            qWarning("count: %s", qPrintable(error));
        }
        return counted.value_or(-1);
    }

    bool write(const QList<EventDocument> &documents)
    {
        QString error;
        const bool written = m_store->write(documents, &error);
        if (!written) {
            qWarning("write: %s", qPrintable(error));
        }
        return written;
    }

private slots:
    void init()
    {
        m_under = std::make_unique<StoreUnderTest>(storeKindFromEnvironment());
        QVERIFY2(m_under->problem().isEmpty(), qPrintable(m_under->problem()));
        m_store = m_under->open();
        QString error;
        QVERIFY2(m_store->prepare(&error), qPrintable(error));
    }

    void cleanup()
    {
        m_store.reset();
        m_under.reset();
    }

    void prepareMakesTheTablesOrTheIndexTemplate()
    {
        const auto missing = m_under->missingSchema();
        QVERIFY2(missing.isEmpty(), qPrintable(missing));
    }

    void preparingTwiceKeepsWhatWasWritten()
    {
        QVERIFY(write(handCountedDay()));
        QString error;
        QVERIFY2(m_store->prepare(&error), qPrintable(error));
        QVERIFY2(m_under->open()->prepare(&error), qPrintable(error));
        QCOMPARE(count(), qint64(handCountedDay().size()));
    }

    void anEmptyStoreHasNoFigures()
    {
        QCOMPARE(count(), qint64(0));
        const auto figures = figuresSince(0);
        QVERIFY(figures);
        const auto differences = figureDifferences(*figures, Figures {});
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
    }

    void everyFigureMatchesTheHandCountedDay()
    {
        QVERIFY(write(handCountedDay()));
        QCOMPARE(count(), qint64(handCountedDay().size()));
        const auto figures = figuresSince(0);
        QVERIFY(figures);
        const auto differences = figureDifferences(*figures, handCountedFigures());
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
    }

    void sinceLeavesOutEarlierRecords()
    {
        QVERIFY(write(handCountedDay()));
        const auto figures = figuresSince(kDayStartMs + 2000);
        QVERIFY(figures);
        const auto differences = figureDifferences(*figures, handCountedFiguresFromSecondTwo());
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
    }

    void bucketsAreAsWideAsAsked()
    {
        QVERIFY(write(handCountedDay()));
        QString error;
        QVERIFY2(m_store->sync(&error), qPrintable(error));
        FigureQuery query;
        query.bucketMs = 2000;
        const auto figures = m_store->figures(query, &error);
        QVERIFY2(figures, qPrintable(error));
        const QList<QPair<qint64, qint64>> expected {{kDayStartMs, 3}, {kDayStartMs + 2000, 2}};
        QCOMPARE(figures->ordersPerBucket, expected);
        query.bucketMs = 0;
        QVERIFY(!m_store->figures(query, &error));
        QVERIFY(!error.isEmpty());
    }

    void writingTheSameDocumentsAgainCountsThemOnce()
    {
        QVERIFY(write(handCountedDay()));
        QVERIFY(write(handCountedDay()));
        QCOMPARE(count(), qint64(handCountedDay().size()));
        const auto figures = figuresSince(0);
        QVERIFY(figures);
        const auto differences = figureDifferences(*figures, handCountedFigures());
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
    }

    void aDocumentWrittenAgainReplacesItsItemsAndPrice()
    {
        QVERIFY(write(handCountedDay()));
        auto first = handCountedDay().first();
        first.items = {QStringLiteral("plaice")};
        first.pricePence = 500;
        QVERIFY(write({first}));
        const auto figures = figuresSince(0);
        QVERIFY(figures);
        auto expected = handCountedFigures();
        expected.moneyTakenPence = 3550 - 750 + 500;
        expected.ordersPerItem = {{QStringLiteral("cod"), 1}, {QStringLiteral("chips"), 3},
            {QStringLiteral("plaice"), 3}};
        const auto differences = figureDifferences(*figures, expected);
        QVERIFY2(differences.isEmpty(), qPrintable(differences));
    }

    void aWriteBiggerThanOneBulkRequestKeepsEveryDocument()
    {
        const int documents = OpenSearchStore::kMaxBulkDocuments * 2 + 345;
        QVERIFY(write(placedOrders(QStringLiteral("ORDER"), 0, documents)));
        QCOMPARE(count(), qint64(documents));
        const auto figures = figuresSince(0);
        QVERIFY(figures);
        QCOMPARE(figures->ordersCounted, qint64(documents));
        QCOMPARE(figures->moneyTakenPence, qint64(documents) * 700);
        QCOMPARE(figures->ordersPerItem.value(QStringLiteral("cod")), qint64(documents));
    }

    void aWriterThreadAndAReaderThreadWorkAtOnce()
    {
        static constexpr int kBatches = 20;
        static constexpr int kBatchSize = 200;
        const auto settings = m_under->settings();
        QString writerError;
        QAtomicInt writerDone = 0;
        std::unique_ptr<QThread> writer(QThread::create([&] {
            const auto store = openAnalyticsStore(settings);
            for (int i = 0; i < kBatches && writerError.isEmpty(); ++i) {
                store->write(
                    placedOrders(QStringLiteral("ORDER"), qint64(i) * kBatchSize, kBatchSize),
                    &writerError);
            }
            writerDone = 1;
        }));
        writer->start();
        qint64 lastCounted = 0;
        int reads = 0;
        do {
            QString error;
            QVERIFY2(m_store->sync(&error), qPrintable(error));
            const auto figures = m_store->figures(FigureQuery {}, &error);
            QVERIFY2(figures, qPrintable(error));
            QVERIFY(figures->ordersCounted >= lastCounted);
            lastCounted = figures->ordersCounted;
            ++reads;
        } while (!writerDone);
        QVERIFY(writer->wait(60000));
        QVERIFY2(writerError.isEmpty(), qPrintable(writerError));
        QVERIFY(reads > 1);
        QCOMPARE(count(), qint64(kBatches) * kBatchSize);
    }

    void describeNamesTheStoreButNeverThePassword()
    {
        auto settings = m_under->settings();
        settings.user = QStringLiteral("statistician");
        settings.password = QStringLiteral("vinegar-on-everything");
        const auto store = openAnalyticsStore(settings);
        const auto description = store->describe();
        QVERIFY2(!description.contains(settings.password), qPrintable(description));
        QVERIFY2(description.contains(settings.index)
                || description.contains(SqliteSchema::identifier(settings.index)),
            qPrintable(description));
        if (settings.usesOpenSearch()) {
            QVERIFY2(description.contains(settings.url), qPrintable(description));
        } else {
            QVERIFY2(description.contains(settings.sqlitePath), qPrintable(description));
        }
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsStore)
#include "tst_analyticsstore.moc"
