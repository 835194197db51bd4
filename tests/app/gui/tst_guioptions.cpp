#include "gui_options.h"
#include "headless_options.h"

#include <QCommandLineParser>
#include <QTest>

using namespace chippy;

// The window's command line: the back office's stores and the hot cabinet are read as
// --headless reads them, from the same options.
class TestGuiOptions : public QObject
{
    Q_OBJECT

private:
    static void parse(QCommandLineParser &parser, const QStringList &args)
    {
        app::HeadlessOptions::addTo(parser);
        gui::GuiOptions::addTo(parser);
        QVERIFY2(parser.parse(QStringList {QStringLiteral("chippy")} + args),
            qPrintable(parser.errorText()));
    }

private slots:
    void cleanup()
    {
        qunsetenv("CHIPPY_ANALYTICS_PASSWORD");
        qunsetenv("CHIPPY_CABINET_PASSWORD");
    }

    void withoutStoresTheWindowUsesTheEmbeddedOnes()
    {
        QCommandLineParser parser;
        parse(parser, {QStringLiteral("--scenario"), QStringLiteral("model-5")});
        QString error;
        const auto options = gui::GuiOptions::from(parser, &error);
        QVERIFY2(options, qPrintable(error));
        QVERIFY(!options->analytics.usesOpenSearch());
        QVERIFY(options->ledger.dsn.isEmpty());
    }

    void theWindowAndHeadlessReadTheSameStores()
    {
        qputenv("CHIPPY_ANALYTICS_PASSWORD", "vinegar");
        QCommandLineParser parser;
        parse(parser,
            {QStringLiteral("--analytics"), QStringLiteral("https://search.example.com:9200/"),
                QStringLiteral("--analytics-user"), QStringLiteral("fryer"),
                QStringLiteral("--analytics-ca"), QStringLiteral("/etc/ca.pem"),
                QStringLiteral("--ledger"), QStringLiteral("sqlite:/tmp/books.db")});
        QString error;
        const auto window = gui::GuiOptions::from(parser, &error);
        QVERIFY2(window, qPrintable(error));
        QCOMPARE(window->analytics.url, QStringLiteral("https://search.example.com:9200"));
        QCOMPARE(window->analytics.user, QStringLiteral("fryer"));
        QCOMPARE(window->analytics.password, QStringLiteral("vinegar"));
        QCOMPARE(window->analytics.caFile, QStringLiteral("/etc/ca.pem"));
        QCOMPARE(window->ledger.dsn, QStringLiteral("sqlite:/tmp/books.db"));
        const auto headless = app::HeadlessOptions::from(parser, &error);
        QVERIFY2(headless, qPrintable(error));
        QCOMPARE(headless->analytics.url, window->analytics.url);
        QCOMPARE(headless->analytics.password, window->analytics.password);
        QCOMPARE(headless->ledger.dsn, window->ledger.dsn);
    }

    void withoutCabinetTheWindowUsesTheInProcessOne()
    {
        QCommandLineParser parser;
        parse(parser, {QStringLiteral("--scenario"), QStringLiteral("model-6")});
        QString error;
        const auto options = gui::GuiOptions::from(parser, &error);
        QVERIFY2(options, qPrintable(error));
        QVERIFY(!options->cabinet.usesRedis());
    }

    void theWindowAndHeadlessKeepTheCabinetInTheSameRedis()
    {
        qputenv("CHIPPY_CABINET_PASSWORD", "salt");
        QCommandLineParser parser;
        parse(parser, {QStringLiteral("--cabinet"), QStringLiteral("redis://127.0.0.1:6390")});
        QString error;
        const auto window = gui::GuiOptions::from(parser, &error);
        QVERIFY2(window, qPrintable(error));
        QCOMPARE(window->cabinet.url, QStringLiteral("redis://127.0.0.1:6390"));
        QCOMPARE(window->cabinet.password, QStringLiteral("salt"));
        const auto headless = app::HeadlessOptions::from(parser, &error);
        QVERIFY2(headless, qPrintable(error));
        QCOMPARE(headless->cabinet.url, window->cabinet.url);
        QCOMPARE(headless->cabinet.password, window->cabinet.password);
    }

    void aCabinetPasswordOnTheCommandLineIsRefusedInWords()
    {
        QCommandLineParser parser;
        parse(
            parser, {QStringLiteral("--cabinet"), QStringLiteral("redis://:salt@127.0.0.1:6390")});
        QString error;
        QVERIFY(!gui::GuiOptions::from(parser, &error));
        QVERIFY2(error.contains(QStringLiteral("CHIPPY_CABINET_PASSWORD")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("salt")), qPrintable(error));
    }

    void aCabinetThatIsNoRedisIsRefusedInWords()
    {
        QCommandLineParser parser;
        parse(parser, {QStringLiteral("--cabinet"), QStringLiteral("http://127.0.0.1:6390")});
        QString error;
        QVERIFY(!gui::GuiOptions::from(parser, &error));
        QVERIFY2(error.contains(QStringLiteral("--cabinet")), qPrintable(error));
    }

    void anAnalyticsAddressThatIsNoWebAddressIsRefusedInWords()
    {
        QCommandLineParser parser;
        parse(parser, {QStringLiteral("--analytics"), QStringLiteral("redis://localhost:6379")});
        QString error;
        QVERIFY(!gui::GuiOptions::from(parser, &error));
        QVERIFY2(error.contains(QStringLiteral("--analytics")), qPrintable(error));
    }
};

QTEST_MAIN(TestGuiOptions)
#include "tst_guioptions.moc"
