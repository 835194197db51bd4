#include "cabinet/cabinet.h"
#include "redis_server_process.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace chippy::cabinet;
using chippy::test::RedisServerProcess;

namespace {

// Within what a talk's audience would wait for a message.
constexpr int kReportWithinMs = 3000;
constexpr int kShortTimeoutMs = 500;
constexpr int kResumeWithinMs = 15000;
constexpr int kTakesBeforeAndAfter = 200;
constexpr int kPortions = 1000000;

const auto kCod = QStringLiteral("cod");

} // namespace

// A Redis that is not there, never answers, or goes away and comes back: each is reported in
// words within seconds, and a Redis that comes back is used again without reopening anything.
class TestRedisCabinetOutages : public QObject
{
    Q_OBJECT

private slots:
    void aDeadPortIsReportedInWordsWithinSeconds()
    {
        const int port = chippy::test::unusedPort();
        CabinetSettings settings;
        settings.url = QStringLiteral("redis://:secret-fryer@127.0.0.1:%1").arg(port);
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!openCabinet(settings, &error));
        QVERIFY2(timer.elapsed() < kReportWithinMs, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(error,
            QStringLiteral("Redis unreachable at 127.0.0.1:%1: Connection refused").arg(port));
    }

    void aRedisThatNeverAnswersIsReportedAfterTheTimeout()
    {
        // Connections to it wait in the listen backlog: nobody reads what is sent.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        CabinetSettings settings;
        settings.url = QStringLiteral("redis://127.0.0.1:%1").arg(silent.serverPort());
        settings.timeoutMs = kShortTimeoutMs;
        QString error;
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!openCabinet(settings, &error));
        QVERIFY2(timer.elapsed() < kReportWithinMs, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(error,
            QStringLiteral("Redis at 127.0.0.1:%1 did not answer within %2 ms")
                .arg(silent.serverPort())
                .arg(kShortTimeoutMs));
    }

    void aRestartedRedisIsUsedAgain()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        RedisServerProcess server(dataDir.path(), true);
        QString error;
        QVERIFY2(server.start(&error), qPrintable(error));
        const auto where = QStringLiteral("127.0.0.1:%1").arg(server.port());

        CabinetSettings settings;
        settings.url = server.url();
        settings.password = server.password();
        settings.timeoutMs = kShortTimeoutMs;
        const auto cabinet = openCabinet(settings, &error);
        QVERIFY2(cabinet, qPrintable(error));
        QVERIFY2(cabinet->put({{kCod, kPortions}}, &error), qPrintable(error));

        // A preparer taking one portion at a time throughout.
        std::atomic<bool> preparing = true;
        std::atomic<int> taken = 0;
        std::atomic<int> failed = 0;
        QString lastFailure;
        std::thread preparer([&] {
            QString why;
            while (preparing) {
                const auto took = cabinet->take({{kCod, 1}}, &why);
                if (took && took->taken) {
                    ++taken;
                } else if (!took && failed == 0) {
                    lastFailure = why;
                    ++failed;
                } else if (!took) {
                    ++failed;
                }
            }
        });
        const auto stopPreparer = [&] {
            preparing = false;
            if (preparer.joinable()) {
                preparer.join();
            }
        };
        const auto stopOnFailure = qScopeGuard(stopPreparer);

        QTRY_VERIFY_WITH_TIMEOUT(taken >= kTakesBeforeAndAfter, kResumeWithinMs);
        server.kill();
        QTRY_VERIFY_WITH_TIMEOUT(failed > 0, kReportWithinMs);
        QVERIFY2(lastFailure.contains(where), qPrintable(lastFailure));
        QVERIFY(!lastFailure.contains(server.password()));
        QVERIFY(!cabinet->contents(&error));
        QCOMPARE(error, QStringLiteral("Redis unreachable at %1: Connection refused").arg(where));
        QVERIFY(!cabinet->topUp({{kCod, 1}}, {}, &error));
        QCOMPARE(error, QStringLiteral("Redis unreachable at %1: Connection refused").arg(where));

        QVERIFY2(server.start(&error), qPrintable(error));
        const int takenBeforeRestart = taken;
        QTRY_VERIFY_WITH_TIMEOUT(
            taken >= takenBeforeRestart + kTakesBeforeAndAfter, kResumeWithinMs);
        stopPreparer();

        // Every acknowledged take outlived the kill; a take in flight at the kill may have
        // happened without its answer arriving, so at most one portion more is gone.
        const auto left = cabinet->contents(&error);
        QVERIFY2(left, qPrintable(error));
        const int unaccounted = kPortions - taken - left->value(kCod);
        QVERIFY2(unaccounted == 0 || unaccounted == 1, qPrintable(QString::number(unaccounted)));
    }
};

QTEST_GUILESS_MAIN(TestRedisCabinetOutages)
#include "tst_redis_cabinet_outages.moc"
