#include "ledger_test_database.h"
#include "simulated_log.h"

#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace chippy;
using namespace chippy::ledger;
using namespace chippy::test;

namespace {

constexpr int kReportedWithinMs = 10000;

const QString kOrder = QString::fromLatin1(kOrderTopic);
const QString kCook = QString::fromLatin1(kCookTopic);

QStringList g_logLines; // "category: message"
QtMessageHandler g_previousHandler = nullptr;

void captureLog(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_logLines << QString::fromUtf8(context.category ? context.category : "") + QStringLiteral(": ")
            + message;
    g_previousHandler(type, context, message);
}

QList<Sale> threeSales()
{
    return {{101, 1, 850, 1000}, {102, 2, 420, 1001}, {103, 1, 1270, 1002}};
}

QList<PortionsUsed> portionsOfTwoOrdersAndOneCook()
{
    return {{kOrder, 101, {{QStringLiteral("cod"), 1}, {QStringLiteral("chips"), 2}}},
        {kOrder, 102, {{QStringLiteral("plaice"), 1}, {QStringLiteral("chips"), 1}}},
        {kCook, 102, {{QStringLiteral("plaice"), 1}}}};
}

// A trigger that refuses the rows written to table for which condition holds, with message,
// in each database's way.
QString refusingTrigger(bool postgres, const QString &table, const QString &message,
    const QString &condition = QStringLiteral("TRUE"))
{
    if (postgres) {
        return QStringLiteral("CREATE FUNCTION refuse_%1() RETURNS trigger LANGUAGE plpgsql AS"
                              " $$ BEGIN RAISE EXCEPTION '%2'; END $$;"
                              " CREATE TRIGGER refuse_%1 BEFORE INSERT OR UPDATE ON %1"
                              " FOR EACH ROW WHEN (%3) EXECUTE FUNCTION refuse_%1()")
            .arg(table, message, condition);
    }
    return QStringLiteral("CREATE TRIGGER refuse_%1 BEFORE INSERT ON %1 WHEN %3"
                          " BEGIN SELECT RAISE(ABORT, '%2'); END")
        .arg(table, message, condition);
}

QString dropRefusingTrigger(bool postgres, const QString &table)
{
    if (postgres) {
        return QStringLiteral("DROP FUNCTION refuse_%1() CASCADE").arg(table);
    }
    return QStringLiteral("DROP TRIGGER refuse_%1").arg(table);
}

} // namespace

// The ledger on one database (SQLite, or PostgreSQL with CHIPPY_LEDGER_DATABASE=postgresql):
// its tables, batches written with their offsets in one transaction, totals, and errors in
// words without the password.
class TestLedger : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_database.create(&error), qPrintable(error));
        qInfo("ledger on %s", qPrintable(m_database.kindName()));
    }

    void init()
    {
        QString error;
        QVERIFY2(m_database.dropLedgerTables(&error), qPrintable(error));
        m_ledger = Ledger::open({m_database.dsn()}, &error);
        QVERIFY2(m_ledger, qPrintable(error));
    }

    void cleanup() { m_ledger.reset(); }

    void cleanupTestCase() { m_database.drop(); }

    void createsItsTablesWhereTheyAreMissing()
    {
        QString error;
        for (const char *table : {"sales", "portions", "reader_offsets"}) {
            QCOMPARE(
                m_database.scalar(
                    QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table)), &error),
                0);
        }
        QVERIFY2(m_ledger->recordSales(kAccountant, threeSales(), {{kOrder, 0, 3}}, &error),
            qPrintable(error));
        // Opening again finds the tables and keeps what is in them.
        m_ledger = Ledger::open({m_database.dsn()}, &error);
        QVERIFY2(m_ledger, qPrintable(error));
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM sales"), &error), 3);
    }

    void recordsSalesTogetherWithTheOffsetsTheyWereReadUpTo()
    {
        QString error;
        const QList<SourceOffset> offsets {{kOrder, 0, 2}, {kOrder, 2, 1}};
        QVERIFY2(
            m_ledger->recordSales(kAccountant, threeSales(), offsets, &error), qPrintable(error));
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM sales"), &error), 3);
        QCOMPARE(m_database.scalar(
                     QStringLiteral("SELECT next_offset FROM reader_offsets WHERE reader = "
                                    "'accountant' AND topic = 'ORDER' AND partition = 2"),
                     &error),
            1);
        const auto stored = m_ledger->offsets(kAccountant, &error);
        QVERIFY2(stored, qPrintable(error));
        QCOMPARE(*stored, offsets);
    }

    void offsetsRoundTripPerReaderAndMoveOn()
    {
        QString error;
        const auto none = m_ledger->offsets(kStockist, &error);
        QVERIFY2(none, qPrintable(error));
        QVERIFY(none->isEmpty());

        QVERIFY2(m_ledger->recordSales(kAccountant, {}, {{kOrder, 1, 5}, {kOrder, 0, 7}}, &error),
            qPrintable(error));
        QVERIFY2(m_ledger->recordPortions(kStockist, {}, {{kCook, 0, 4}, {kOrder, 0, 9}}, &error),
            qPrintable(error));
        QVERIFY2(
            m_ledger->recordSales(kAccountant, {}, {{kOrder, 1, 8}}, &error), qPrintable(error));

        // A new object, as after a restart, reads what the old one wrote.
        m_ledger = Ledger::open({m_database.dsn()}, &error);
        QVERIFY2(m_ledger, qPrintable(error));
        const auto accountant = m_ledger->offsets(kAccountant, &error);
        QVERIFY2(accountant, qPrintable(error));
        QCOMPARE(*accountant, (QList<SourceOffset> {{kOrder, 0, 7}, {kOrder, 1, 8}}));
        const auto stockist = m_ledger->offsets(kStockist, &error);
        QVERIFY2(stockist, qPrintable(error));
        QCOMPARE(*stockist, (QList<SourceOffset> {{kCook, 0, 4}, {kOrder, 0, 9}}));
    }

    void totalsAddUpOrdersMoneyAndPortions()
    {
        QString error;
        const auto empty = m_ledger->totals(&error);
        QVERIFY2(empty, qPrintable(error));
        QCOMPARE(empty->orders, 0);
        QCOMPARE(empty->moneyTakenPence, 0);
        QVERIFY(empty->portionsOrdered.isEmpty());

        QVERIFY2(m_ledger->recordSales(kAccountant, threeSales(), {{kOrder, 0, 3}}, &error),
            qPrintable(error));
        QVERIFY2(m_ledger->recordPortions(kStockist, portionsOfTwoOrdersAndOneCook(),
                     {{kOrder, 0, 2}, {kCook, 0, 1}}, &error),
            qPrintable(error));
        const auto totals = m_ledger->totals(&error);
        QVERIFY2(totals, qPrintable(error));
        QCOMPARE(totals->orders, 3);
        QCOMPARE(totals->moneyTakenPence, 850 + 420 + 1270);
        QCOMPARE(totals->portionsOrdered,
            (QMap<QString, qint64> {{QStringLiteral("chips"), 3}, {QStringLiteral("cod"), 1},
                {QStringLiteral("plaice"), 1}}));
        QCOMPARE(totals->portionsCooked, (QMap<QString, qint64> {{QStringLiteral("plaice"), 1}}));
    }

    void writingTheSameLinesAgainNeverDoubles()
    {
        QString error;
        QVERIFY2(m_ledger->recordSales(kAccountant, threeSales(), {{kOrder, 0, 3}}, &error),
            qPrintable(error));
        QVERIFY2(m_ledger->recordPortions(kStockist, portionsOfTwoOrdersAndOneCook(),
                     {{kOrder, 0, 2}, {kCook, 0, 1}}, &error),
            qPrintable(error));
        const auto before = m_ledger->totals(&error);
        QVERIFY2(before, qPrintable(error));

        // A replay without stored offsets, an overlapping batch with one new order, and the same
        // order read again with another price: each order still counts once, first price kept.
        QVERIFY2(m_ledger->recordSales(kAccountant, threeSales(), {}, &error), qPrintable(error));
        QVERIFY2(m_ledger->recordPortions(kStockist, portionsOfTwoOrdersAndOneCook(), {}, &error),
            qPrintable(error));
        auto overlapping = threeSales().mid(1);
        overlapping.append({104, 3, 500, 1003});
        overlapping[0].pricePence = 99999;
        QVERIFY2(m_ledger->recordSales(kAccountant, overlapping, {{kOrder, 0, 4}}, &error),
            qPrintable(error));

        const auto after = m_ledger->totals(&error);
        QVERIFY2(after, qPrintable(error));
        QCOMPARE(after->orders, before->orders + 1);
        QCOMPARE(after->moneyTakenPence, before->moneyTakenPence + 500);
        QCOMPARE(after->portionsOrdered, before->portionsOrdered);
        QCOMPARE(after->portionsCooked, before->portionsCooked);
    }

    void aBatchRefusedAtItsOffsetsLeavesNeitherLinesNorOffsets()
    {
        QString error;
        const bool postgres = m_database.isPostgres();
        QVERIFY2(m_database.exec(refusingTrigger(postgres, QStringLiteral("reader_offsets"),
                                     QStringLiteral("the till is jammed")),
                     &error),
            qPrintable(error));

        // The lines go in first, then the offsets fail: the lines must go too.
        QVERIFY(!m_ledger->recordSales(kAccountant, threeSales(), {{kOrder, 0, 3}}, &error));
        QVERIFY2(error.contains(QStringLiteral("the till is jammed")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("accountant")), qPrintable(error));
        QVERIFY(!m_ledger->recordPortions(
            kStockist, portionsOfTwoOrdersAndOneCook(), {{kOrder, 0, 2}}, &error));
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM sales"), &error), 0);
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM portions"), &error), 0);
        QCOMPARE(
            m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM reader_offsets"), &error), 0);

        // The same ledger writes the same batch once the database takes it.
        QVERIFY2(m_database.exec(
                     dropRefusingTrigger(postgres, QStringLiteral("reader_offsets")), &error),
            qPrintable(error));
        QVERIFY2(m_ledger->recordSales(kAccountant, threeSales(), {{kOrder, 0, 3}}, &error),
            qPrintable(error));
        const auto totals = m_ledger->totals(&error);
        QVERIFY2(totals, qPrintable(error));
        QCOMPARE(totals->orders, 3);
        const auto offsets = m_ledger->offsets(kAccountant, &error);
        QVERIFY2(offsets, qPrintable(error));
        QCOMPARE(*offsets, (QList<SourceOffset> {{kOrder, 0, 3}}));
    }

    void aBatchRefusedHalfwayThroughItsLinesLeavesNothing()
    {
        QString error;
        const PortionsUsed earlier {kOrder, 100, {{QStringLiteral("cod"), 1}}};
        QVERIFY2(m_ledger->recordPortions(kStockist, {earlier}, {{kOrder, 0, 1}}, &error),
            qPrintable(error));
        QVERIFY2(m_database.exec(
                     refusingTrigger(m_database.isPostgres(), QStringLiteral("portions"),
                         QStringLiteral("out of plaice"), QStringLiteral("NEW.order_id = 102")),
                     &error),
            qPrintable(error));
        // Order 101's rows are written, then 102 is refused: 101 must go too.
        QVERIFY(!m_ledger->recordPortions(
            kStockist, portionsOfTwoOrdersAndOneCook(), {{kOrder, 0, 3}, {kCook, 0, 1}}, &error));
        QVERIFY2(error.contains(QStringLiteral("out of plaice")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("order 102")), qPrintable(error));
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM portions"), &error), 1);
        const auto offsets = m_ledger->offsets(kStockist, &error);
        QVERIFY2(offsets, qPrintable(error));
        QCOMPARE(*offsets, (QList<SourceOffset> {{kOrder, 0, 1}}));
    }

    void countsPortionsFromPrefixedTopicsAsOrderAndCook()
    {
        QString error;
        auto lines = portionsOfTwoOrdersAndOneCook();
        lines[0].topic = QStringLiteral("shop1.ORDER");
        lines[2].topic = QStringLiteral("shop1.COOK");
        QVERIFY2(m_ledger->recordPortions(
                     kStockist, lines, {{QStringLiteral("shop1.ORDER"), 0, 2}}, &error),
            qPrintable(error));
        // The same order from the unprefixed topic is the same line.
        QVERIFY2(m_ledger->recordPortions(kStockist, portionsOfTwoOrdersAndOneCook(), {}, &error),
            qPrintable(error));
        const auto totals = m_ledger->totals(&error);
        QVERIFY2(totals, qPrintable(error));
        QCOMPARE(totals->portionsOrdered,
            (QMap<QString, qint64> {{QStringLiteral("chips"), 3}, {QStringLiteral("cod"), 1},
                {QStringLiteral("plaice"), 1}}));
        QCOMPARE(totals->portionsCooked, (QMap<QString, qint64> {{QStringLiteral("plaice"), 1}}));
        const auto offsets = m_ledger->offsets(kStockist, &error);
        QVERIFY2(offsets, qPrintable(error));
        QCOMPARE(*offsets, (QList<SourceOffset> {{QStringLiteral("shop1.ORDER"), 0, 2}}));
    }

    void refusesPortionsFromAnotherTopicInWords()
    {
        QString error;
        auto lines = portionsOfTwoOrdersAndOneCook();
        lines[1].topic = QStringLiteral("HOT-FOOD");
        QVERIFY(!m_ledger->recordPortions(kStockist, lines, {{kOrder, 0, 2}}, &error));
        QVERIFY2(error.contains(QStringLiteral("\"HOT-FOOD\", not from ORDER or COOK")),
            qPrintable(error));
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM portions"), &error), 0);
        QCOMPARE(
            m_database.scalar(QStringLiteral("SELECT COUNT(*) FROM reader_offsets"), &error), 0);
    }

    void writesOnANewConnectionAfterTheServerEndedTheOldOne()
    {
        if (!m_database.isPostgres()) {
            QSKIP("an SQLite ledger is a file, not a connection a server can end");
        }
        QString error;
        QVERIFY2(
            m_ledger->recordSales(kAccountant, threeSales().mid(0, 1), {{kOrder, 0, 1}}, &error),
            qPrintable(error));
        const QString ledgerBackends = QStringLiteral("FROM pg_stat_activity WHERE datname = '%1'"
                                                      " AND application_name = 'chippy-ledger'")
                                           .arg(m_database.databaseName());
        QCOMPARE(m_database.scalar(QStringLiteral("SELECT COUNT(*) ") + ledgerBackends, &error), 1);
        QCOMPARE(m_database.scalar(
                     QStringLiteral("SELECT COUNT(pg_terminate_backend(pid)) ") + ledgerBackends,
                     &error),
            1);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_database.scalar(QStringLiteral("SELECT COUNT(*) ") + ledgerBackends, &error), 0,
            kReportedWithinMs);

        QVERIFY2(m_ledger->recordSales(kAccountant, threeSales(), {{kOrder, 0, 3}}, &error),
            qPrintable(error));
        const auto totals = m_ledger->totals(&error);
        QVERIFY2(totals, qPrintable(error));
        QCOMPARE(totals->orders, 3);
    }

    void reportsALedgerItCannotReachInWordsWithinSeconds()
    {
        QString error;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!Ledger::open({m_database.unreachableDsn()}, &error));
        QVERIFY2(clock.elapsed() < kReportedWithinMs, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(error.startsWith(QStringLiteral("cannot open the ledger")), qPrintable(error));
        if (m_database.isPostgres()) {
            QVERIFY2(error.contains(QStringLiteral("Connection refused")), qPrintable(error));
            QVERIFY(!error.contains(m_database.password()));
        } else {
            QVERIFY2(error.contains(QStringLiteral("plain-file")), qPrintable(error));
        }
    }

    void reportsAServerThatNeverAnswersWithinSeconds()
    {
        if (!m_database.isPostgres()) {
            QSKIP("an SQLite ledger has no server");
        }
        // Takes the connection and says nothing: without a connect timeout libpq would wait
        // for ever.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        const QString dsn = QStringLiteral("postgresql://chippy:secret@127.0.0.1:%1/ledger")
                                .arg(silent.serverPort());
        QString error;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!Ledger::open({dsn}, &error));
        QVERIFY2(clock.elapsed() < kReportedWithinMs, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(error.contains(QStringLiteral("timeout")), qPrintable(error));
    }

    void reportsAWrongPasswordInWordsWithinSecondsAndNeverShowsIt()
    {
        if (!m_database.isPostgres()) {
            QSKIP("an SQLite ledger has no password");
        }
        g_logLines.clear();
        g_previousHandler = qInstallMessageHandler(captureLog);
        QString error;
        QElapsedTimer clock;
        clock.start();
        const auto ledger = Ledger::open({m_database.dsnWithWrongPassword()}, &error);
        const qint64 elapsed = clock.elapsed();
        qInstallMessageHandler(g_previousHandler);
        QVERIFY(!ledger);
        QVERIFY2(elapsed < kReportedWithinMs, qPrintable(QString::number(elapsed)));
        QVERIFY2(
            error.contains(QStringLiteral("password authentication failed")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("PostgreSQL at ")), qPrintable(error));
        QVERIFY2(
            g_logLines.filter(QStringLiteral("chippy.ledger: cannot open the ledger")).size() == 1,
            qPrintable(g_logLines.join(QLatin1Char('\n'))));
        for (const QString &shown : g_logLines + QStringList {error}) {
            QVERIFY2(!shown.contains(m_database.password()), qPrintable(shown));
        }
    }

    void describesWhereItIsWithoutThePassword()
    {
        const QString description = m_ledger->describe();
        if (m_database.isPostgres()) {
            QVERIFY2(description.startsWith(QStringLiteral("PostgreSQL at 127.0.0.1:")),
                qPrintable(description));
            QVERIFY2(description.endsWith(QLatin1Char('/') + m_database.databaseName()),
                qPrintable(description));
            QVERIFY(!description.contains(m_database.password()));
        } else {
            QCOMPARE(
                description, QStringLiteral("embedded SQLite (%1)").arg(m_database.databaseName()));
        }
    }

    void eachLedgerHasAConnectionOfItsOwnUntilItGoes()
    {
        const qsizetype before = QSqlDatabase::connectionNames().size();
        QString error;
        auto second = Ledger::open({m_database.dsn()}, &error);
        QVERIFY2(second, qPrintable(error));
        QCOMPARE(QSqlDatabase::connectionNames().size(), before + 1);
        second.reset();
        QCOMPARE(QSqlDatabase::connectionNames().size(), before);
        m_ledger.reset();
        QCOMPARE(QSqlDatabase::connectionNames().size(), before - 1);
    }

    void theAccountantAndTheStockistWriteAtOnceFromTheirThreads()
    {
        // Both also make the tables at once.
        m_ledger.reset();
        QString dropError;
        QVERIFY2(m_database.dropLedgerTables(&dropError), qPrintable(dropError));
        std::atomic<int> failures {0};
        QStringList errors(2);
        auto reader = [&](int index) {
            QString error;
            auto ledger = Ledger::open({m_database.dsn()}, &error);
            if (!ledger) {
                errors[index] = error;
                ++failures;
                return;
            }
            for (qint64 offset = 0; offset < SimulatedLog::kOrdersPerPartition; ++offset) {
                const bool recorded = index == 0
                    ? ledger->recordSales(kAccountant, {SimulatedLog::sale(0, offset)},
                        {{kOrder, 0, offset + 1}}, &error)
                    : ledger->recordPortions(kStockist, {SimulatedLog::ordered(0, offset)},
                        {{kOrder, 0, offset + 1}}, &error);
                if (!recorded) {
                    errors[index] = error;
                    ++failures;
                    return;
                }
            }
        };
        std::unique_ptr<QThread> accountant(QThread::create(reader, 0));
        std::unique_ptr<QThread> stockist(QThread::create(reader, 1));
        accountant->start();
        stockist->start();
        QVERIFY(accountant->wait(60000));
        QVERIFY(stockist->wait(60000));
        QVERIFY2(failures == 0, qPrintable(errors.join(QLatin1Char('\n'))));

        QString error;
        m_ledger = Ledger::open({m_database.dsn()}, &error);
        QVERIFY2(m_ledger, qPrintable(error));
        const auto totals = m_ledger->totals(&error);
        QVERIFY2(totals, qPrintable(error));
        QCOMPARE(totals->orders, SimulatedLog::kOrdersPerPartition);
        QCOMPARE(*m_ledger->offsets(kStockist, &error),
            (QList<SourceOffset> {{kOrder, 0, SimulatedLog::kOrdersPerPartition}}));
    }

private:
    LedgerTestDatabase m_database;
    std::unique_ptr<Ledger> m_ledger;
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
