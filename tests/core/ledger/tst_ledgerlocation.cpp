#include "ledger/ledger_location.h"

#include <QDir>
#include <QTest>

using namespace chippy::ledger;

// Ledger addresses taken apart: SQLite paths, PostgreSQL URLs with percent-encoding and
// libpq options, and no password in anything shown.
class TestLedgerLocation : public QObject
{
    Q_OBJECT

private slots:
    void takesAnAbsoluteSqlitePath()
    {
        QString error;
        const auto location
            = LedgerLocation::parse(QStringLiteral("sqlite:/var/tmp/ledger.db"), &error);
        QVERIFY2(location, qPrintable(error));
        QCOMPARE(location->kind, LedgerLocation::Kind::Sqlite);
        QCOMPARE(location->path, QStringLiteral("/var/tmp/ledger.db"));
        QCOMPARE(location->describe(), QStringLiteral("embedded SQLite (/var/tmp/ledger.db)"));
    }

    void takesASqlitePathRelativeToTheWorkingFolder()
    {
        QString error;
        const auto location
            = LedgerLocation::parse(QStringLiteral("sqlite:data/ledger.db"), &error);
        QVERIFY2(location, qPrintable(error));
        QCOMPARE(
            location->path, QDir::current().absoluteFilePath(QStringLiteral("data/ledger.db")));
    }

    void refusesSqliteWithoutAPath()
    {
        QString error;
        QVERIFY(!LedgerLocation::parse(QStringLiteral("sqlite:"), &error));
        QVERIFY2(error.contains(QStringLiteral("names no file")), qPrintable(error));
    }

    void decodesAPercentEncodedPostgresAddress()
    {
        QString error;
        const auto location = LedgerLocation::parse(
            QStringLiteral(
                "postgresql://fryer%40shop:p%40ss%3Aw%2Frd%25@db.example.com:6543/till%20roll"),
            &error);
        QVERIFY2(location, qPrintable(error));
        QCOMPARE(location->kind, LedgerLocation::Kind::Postgres);
        QCOMPARE(location->user, QStringLiteral("fryer@shop"));
        QCOMPARE(location->password, QStringLiteral("p@ss:w/rd%"));
        QCOMPARE(location->host, QStringLiteral("db.example.com"));
        QCOMPARE(location->port, 6543);
        QCOMPARE(location->database, QStringLiteral("till roll"));
        QCOMPARE(
            location->describe(), QStringLiteral("PostgreSQL at db.example.com:6543/till roll"));
    }

    void connectsToPostgresOnItsUsualPortWithinFiveSeconds()
    {
        QString error;
        const auto location
            = LedgerLocation::parse(QStringLiteral("postgres://fryer:secret@db/ledger"), &error);
        QVERIFY2(location, qPrintable(error));
        QCOMPARE(location->port, 5432);
        QCOMPARE(location->connectOptions(),
            QStringLiteral("connect_timeout='5';application_name='chippy-ledger'"));
    }

    void passesLibpqOptionsOnAndKeepsAGivenTimeout()
    {
        QString error;
        const auto location = LedgerLocation::parse(
            QStringLiteral(
                "postgresql://fryer:secret@db:5432/ledger?sslmode=require&connect_timeout=2"),
            &error);
        QVERIFY2(location, qPrintable(error));
        QCOMPARE(location->connectOptions(),
            QStringLiteral(
                "sslmode='require';connect_timeout='2';application_name='chippy-ledger'"));
    }

    void refusesAnOptionQpsqlWouldSplit()
    {
        QString error;
        QVERIFY(!LedgerLocation::parse(
            QStringLiteral("postgresql://fryer:secret@db/ledger?options=a%3Bb"), &error));
        QVERIFY2(error.contains(QStringLiteral("options")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("secret")));
    }

    void refusesAPostgresAddressWithoutHostOrDatabase_data()
    {
        QTest::addColumn<QString>("dsn");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no host") << QStringLiteral("postgresql://fryer:secret@:5432/ledger")
                                 << QStringLiteral("no host");
        QTest::newRow("no database")
            << QStringLiteral("postgresql://fryer:secret@db:5432") << QStringLiteral("no database");
        QTest::newRow("a path") << QStringLiteral("postgresql://fryer:secret@db/a/b")
                                << QStringLiteral("no database");
    }

    void refusesAPostgresAddressWithoutHostOrDatabase()
    {
        QFETCH(QString, dsn);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!LedgerLocation::parse(dsn, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("secret")));
    }

    void namesAnUnknownSchemeButNotTheAddress()
    {
        QString error;
        QVERIFY(!LedgerLocation::parse(QStringLiteral("mysql://fryer:secret@db/ledger"), &error));
        QVERIFY2(error.contains(QStringLiteral("unknown scheme \"mysql\"")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("sqlite:PATH")), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("secret")));
        QVERIFY(!LedgerLocation::parse(QStringLiteral("/var/tmp/ledger.db"), &error));
        QVERIFY2(error.contains(QStringLiteral("no scheme")), qPrintable(error));
    }

    void blanksThePasswordAsGivenAndPercentEncoded()
    {
        QString error;
        const auto location
            = LedgerLocation::parse(QStringLiteral("postgresql://fryer:p%40ss@db/ledger"), &error);
        QVERIFY2(location, qPrintable(error));
        const QString blanked = location->withoutPassword(
            QStringLiteral("password p@ss refused; the address had p%40ss"));
        QVERIFY2(!blanked.contains(QStringLiteral("p@ss")), qPrintable(blanked));
        QVERIFY2(!blanked.contains(QStringLiteral("p%40ss")), qPrintable(blanked));
        QVERIFY(blanked.contains(QStringLiteral("refused")));
    }
};

QTEST_GUILESS_MAIN(TestLedgerLocation)
#include "tst_ledgerlocation.moc"
