#include "analytics_test_data.h"
#include "store_under_test.h"

#include <QTest>

using namespace chippy::analytics;
using namespace chippy::analytics::test;

// A _bulk answer is read item by item: a document OpenSearch refuses for good fails the write
// with its id and OpenSearch's reason, and the others of its batch are kept.
class TestAnalyticsOpenSearchBulk : public QObject
{
    Q_OBJECT

private:
    // Lucene refuses a keyword longer than 32766 bytes.
    static constexpr int kImmenseItem = 40000;

private slots:
    void aRefusedDocumentFailsTheWriteByNameAndTheRestAreKept()
    {
        StoreUnderTest under(StoreKind::OpenSearch);
        QVERIFY2(under.problem().isEmpty(), qPrintable(under.problem()));
        const auto store = under.open();
        QString error;
        QVERIFY2(store->prepare(&error), qPrintable(error));

        auto documents = placedOrders(QStringLiteral("ORDER"), 0, 10);
        auto refused = placedOrders(QStringLiteral("ORDER"), 10, 1).first();
        refused.items = {QString(kImmenseItem, QLatin1Char('x'))};
        documents.insert(4, refused);
        QVERIFY(!store->write(documents, &error));
        QVERIFY2(error.contains(QLatin1String("refused document ") + refused.id()),
            qPrintable(error.left(300)));
        QVERIFY2(error.contains(QLatin1String("(400: ")), qPrintable(error.left(300)));
        QVERIFY2(error.contains(under.settings().url), qPrintable(error.left(300)));

        QVERIFY2(store->sync(&error), qPrintable(error));
        QCOMPARE(store->documentCount(&error).value_or(-1), qint64(10));
        QStringList kept;
        for (const auto &document : documents) {
            if (document.id() != refused.id()) {
                kept.append(document.id());
            }
        }
        const auto missing
            = idsMissingFromOpenSearch(under.settings().url, under.settings().index, kept, &error);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsOpenSearchBulk)
#include "tst_analyticsopensearchbulk.moc"
