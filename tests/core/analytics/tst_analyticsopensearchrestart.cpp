#include "analytics_test_data.h"
#include "opensearch_node_process.h"
#include "store_under_test.h"

#include "analytics/analytics_store.h"

#include <QDeadlineTimer>
#include <QScopeGuard>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace chippy::analytics;
using namespace chippy::analytics::test;

// The statistician's way of writing, a batch retried until OpenSearch acknowledges it, loses and
// doubles nothing when the node is killed in the middle of it and comes back on its data.
class TestAnalyticsOpenSearchRestart : public QObject
{
    Q_OBJECT

private:
    static constexpr int kBatch = 200;
    static constexpr int kBatchesBeforeKill = 5;
    static constexpr int kBatchesAfterRestart = 5;
    static constexpr int kRetryBudgetMs = 4000;
    static constexpr int kRequestTimeoutMs = 5000;
    static constexpr int kDeadlineMs = 400000;

private slots:
    void everyDocumentSurvivesAKillAndRestartExactlyOnce()
    {
        const auto serversDir = serversDirFromEnvironment();
        QVERIFY2(!serversDir.isEmpty(), "CHIPPY_SERVERS_DIR is not set: run this test with ctest");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        OpenSearchNodeProcess node(serversDir, dir.filePath(QStringLiteral("node")));
        const auto started = node.start();
        QVERIFY2(started.isEmpty(), qPrintable(started));

        AnalyticsSettings settings;
        settings.url = node.url();
        settings.index = uniqueIndexName();
        settings.retryBudgetMs = kRetryBudgetMs;
        settings.requestTimeoutMs = kRequestTimeoutMs;
        const auto store = openAnalyticsStore(settings);
        QString error;
        QVERIFY2(store->prepare(&error), qPrintable(error));

        QDeadlineTimer deadline(kDeadlineMs);
        // Another thread kills the node as the first batch after kBatchesBeforeKill sets off, so
        // the kill lands while that batch is on its way; the restart begins once a write failed.
        QSemaphore batchSettingOff;
        QAtomicInt killDone = 0;
        QString killed = QStringLiteral("the node was never killed");
        std::unique_ptr<QThread> killer(QThread::create([&] {
            if (batchSettingOff.tryAcquire(1, kDeadlineMs)) {
                killed = node.kill();
            }
            killDone = 1;
        }));
        killer->start();
        // A test that fails early still lets the killer finish before it goes.
        const auto stopKiller = qScopeGuard([&] {
            batchSettingOff.release();
            killer->wait();
        });
        bool restartBegun = false;

        QStringList written;
        qint64 nextOffset = 0;
        int failedWrites = 0;
        const auto writeNextBatch = [&] {
            const auto batch = placedOrders(QStringLiteral("ORDER"), nextOffset, kBatch);
            if (nextOffset == qint64(kBatchesBeforeKill) * kBatch) {
                batchSettingOff.release();
            }
            QString writeError;
            while (!store->write(batch, &writeError)) {
                ++failedWrites;
                qInfo("write failed, trying again: %s", qPrintable(writeError));
                if (killDone && !restartBegun) {
                    node.beginRestart();
                    restartBegun = true;
                }
                QCoreApplication::processEvents();
                if (deadline.hasExpired()) {
                    return false;
                }
            }
            for (const auto &document : batch) {
                written.append(document.id());
            }
            nextOffset += kBatch;
            return true;
        };

        int batchesAfterRestart = 0;
        while (batchesAfterRestart < kBatchesAfterRestart) {
            QVERIFY2(writeNextBatch(), "OpenSearch did not take the batch before the deadline");
            QVERIFY2(!deadline.hasExpired(), "the node did not come back before the deadline");
            QCoreApplication::processEvents();
            if (node.restartDone()) {
                ++batchesAfterRestart;
            }
        }
        QVERIFY(killer->wait(kDeadlineMs));
        QVERIFY2(killed.isEmpty(), qPrintable(killed));
        QVERIFY2(failedWrites > 0, "no write failed: the node was not down while writing");
        const auto restarted = node.restartProblem();
        QVERIFY2(restarted.isEmpty(), qPrintable(restarted));
        qInfo("%lld documents written, %d writes failed and were tried again",
            qint64(written.size()), failedWrites);

        QVERIFY2(store->sync(&error), qPrintable(error));
        QCOMPARE(store->documentCount(&error).value_or(-1), qint64(written.size()));
        const auto missing = idsMissingFromOpenSearch(node.url(), settings.index, written, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(missing.isEmpty(), qPrintable(missing.mid(0, 20).join(QLatin1Char(' '))));
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsOpenSearchRestart)
#include "tst_analyticsopensearchrestart.moc"
