#include "analytics_test_data.h"

#include "analytics/analytics_store.h"
#include "analytics/sqlite_schema.h"

#include <QTemporaryDir>
#include <QTest>

using namespace chippy::analytics;
using namespace chippy::analytics::test;

// Any index name makes a usable SQLite table name, and nothing in it reaches SQL unquoted.
class TestAnalyticsSqliteNames : public QObject
{
    Q_OBJECT

private slots:
    void indexNamesBecomePlainIdentifiers_data()
    {
        QTest::addColumn<QString>("index");
        QTest::addColumn<QString>("identifier");
        QTest::newRow("dashes") << QStringLiteral("chippy-events")
                                << QStringLiteral("chippy_events");
        QTest::newRow("a leading digit") << QStringLiteral("9lives") << QStringLiteral("t_9lives");
        QTest::newRow("empty") << QString() << QStringLiteral("t_");
        QTest::newRow("quotes and semicolons")
            << QStringLiteral("x\"; DROP TABLE y; --") << QStringLiteral("x___DROP_TABLE_y____");
        QTest::newRow("not ASCII") << QStringLiteral("frites-é") << QStringLiteral("frites__");
    }

    void indexNamesBecomePlainIdentifiers()
    {
        QFETCH(QString, index);
        QFETCH(QString, identifier);
        QCOMPARE(SqliteSchema::identifier(index), identifier);
    }

    void aStoreWithAHostileIndexNameWritesAndCounts()
    {
        QTemporaryDir dir;
        AnalyticsSettings settings;
        settings.sqlitePath = dir.filePath(QStringLiteral("names.sqlite"));
        settings.index = QStringLiteral("x\"; DROP TABLE y; --");
        const auto store = openAnalyticsStore(settings);
        QString error;
        QVERIFY2(store->prepare(&error), qPrintable(error));
        QVERIFY2(store->write(handCountedDay(), &error), qPrintable(error));
        QCOMPARE(store->documentCount(&error).value_or(-1), qint64(handCountedDay().size()));
    }

    void aStoreWithoutAPathSaysSo()
    {
        AnalyticsSettings settings;
        const auto store = openAnalyticsStore(settings);
        QString error;
        QVERIFY(!store->prepare(&error));
        QVERIFY2(error.contains(QLatin1String("no file path")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsSqliteNames)
#include "tst_analyticssqlitenames.moc"
