#include "ledger_test_database.h"
#include "simulated_log.h"

#include <QCoreApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace chippy;
using namespace chippy::test;

namespace {

// Enough kills that they land in every phase: opening, reading offsets, mid-batch, commit.
constexpr int kMinKills = 20;
// Each round not killed while starting records a batch at least: the log ends long before.
constexpr int kMaxRounds = 2000;
// One round ends when the writer is killed, stops or is done: seconds on a busy machine.
constexpr int kRoundTimeoutMs = 60000;
// A fifth of the rounds kill the writer while it starts and opens the ledger ...
constexpr int kKillWhileStartingPercent = 20;
constexpr int kMaxStartingKillDelayMs = 40;
// ... the rest after a few committed batches: at once, or a moment into the next batches.
constexpr int kMaxBatchesBeforeKill = 6;
constexpr int kMaxBatchKillDelayMs = 1;
// A round's writer waits to be killed this many batches after the kill was due, so that a
// killer slowed down by a busy machine still finds it in the middle of the log.
constexpr int kBatchesAfterKillDue = 3;

QString writerProgram()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/ledger_crash_writer");
}

} // namespace

// A ledger reader killed with SIGKILL at random moments and started again from the offsets
// in the ledger, over and over, counts every order of the log exactly once.
class TestLedgerCrash : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_database.create(&error), qPrintable(error));
        qInfo("ledger on %s", qPrintable(m_database.kindName()));
    }

    void cleanupTestCase() { m_database.drop(); }

    void aReaderKilledAtRandomMomentsCountsEveryOrderOnce()
    {
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        QRandomGenerator random(seed);
        int kills = 0;
        bool finished = false;
        int round = 0;
        for (; round < kMaxRounds && !finished; ++round) {
            QProcess writer;
            QTimer killer;
            killer.setSingleShot(true);
            killer.setTimerType(Qt::PreciseTimer);
            connect(&killer, &QTimer::timeout, &writer, &QProcess::kill); // SIGKILL
            const bool killWhileStarting = random.bounded(100) < kKillWhileStartingPercent;
            const int batchesBeforeKill = 1 + random.bounded(kMaxBatchesBeforeKill);
            const int killDelayMs = random.bounded(-1, kMaxBatchKillDelayMs + 1);
            int batches = 0;
            connect(&writer, &QProcess::readyReadStandardOutput, &writer, [&] {
                while (writer.canReadLine()) {
                    writer.readLine();
                    if (++batches != batchesBeforeKill || killWhileStarting) {
                        continue;
                    }
                    if (killDelayMs < 0) {
                        writer.kill();
                    } else {
                        killer.start(killDelayMs);
                    }
                }
            });
            const QStringList args {m_database.dsn(), QString::number(seed + quint32(round) * 2),
                QString::number(batchesBeforeKill + kBatchesAfterKillDue)};
            QSignalSpy ended(&writer, &QProcess::finished);
            writer.start(writerProgram(), args);
            QVERIFY2(writer.waitForStarted(), qPrintable(writer.errorString()));
            if (killWhileStarting) {
                killer.start(random.bounded(kMaxStartingKillDelayMs + 1));
            }
            QVERIFY2(ended.wait(kRoundTimeoutMs), "the writer neither ended nor was killed");
            killer.stop();
            if (writer.exitStatus() == QProcess::CrashExit) {
                ++kills;
                continue;
            }
            QVERIFY2(writer.exitCode() == 0, writer.readAllStandardError().constData());
            finished = true;
        }
        qInfo("%d kills in %d rounds", kills, round);
        QVERIFY2(finished, "the writer never reached the end of the log");
        QVERIFY(kills >= kMinKills);

        QString error;
        const auto ledger = ledger::Ledger::open({m_database.dsn()}, &error);
        QVERIFY2(ledger, qPrintable(error));
        const auto totals = ledger->totals(&error);
        QVERIFY2(totals, qPrintable(error));
        const auto expected = SimulatedLog::totals();
        QCOMPARE(totals->orders, expected.orders);
        QCOMPARE(totals->moneyTakenPence, expected.moneyTakenPence);
        QCOMPARE(totals->portionsOrdered, expected.portionsOrdered);
        QCOMPARE(totals->portionsCooked, expected.portionsCooked);
        for (const QString &reader : {kAccountant, kStockist}) {
            auto offsets = ledger->offsets(reader, &error);
            QVERIFY2(offsets, qPrintable(error));
            auto ends = SimulatedLog::logEnds(reader);
            std::sort(ends.begin(), ends.end(), [](const auto &a, const auto &b) {
                return std::tie(a.topic, a.partition) < std::tie(b.topic, b.partition);
            });
            QCOMPARE(*offsets, ends);
        }
    }

private:
    LedgerTestDatabase m_database;
};

QTEST_GUILESS_MAIN(TestLedgerCrash)
#include "tst_ledgercrash.moc"
