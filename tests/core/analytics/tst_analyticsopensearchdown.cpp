#include "analytics_test_data.h"

#include "analytics/analytics_store.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

using namespace chippy::analytics;
using namespace chippy::analytics::test;

// With nothing listening where OpenSearch should be, the store gives up within its retry budget
// and says where it looked and what went wrong, without the password.
class TestAnalyticsOpenSearchDown : public QObject
{
    Q_OBJECT

private:
    static constexpr int kRetryBudgetMs = 3000;
    static constexpr int kRequestTimeoutMs = 2000;
    AnalyticsSettings m_settings;

private slots:
    void initTestCase()
    {
        // A port that was free a moment ago and that nobody listens on now.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const auto port = probe.serverPort();
        probe.close();
        m_settings.url = QStringLiteral("http://127.0.0.1:%1").arg(port);
        m_settings.index = uniqueIndexName();
        m_settings.user = QStringLiteral("statistician");
        m_settings.password = QStringLiteral("salt-and-vinegar");
        m_settings.retryBudgetMs = kRetryBudgetMs;
        m_settings.requestTimeoutMs = kRequestTimeoutMs;
    }

    void writeGivesUpWithinItsRetryBudgetNamingUrlAndReason()
    {
        const auto store = openAnalyticsStore(m_settings);
        QString error;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!store->write(placedOrders(QStringLiteral("ORDER"), 0, 10), &error));
        const auto elapsed = clock.elapsed();
        QVERIFY2(elapsed >= kRetryBudgetMs / 2, qPrintable(QString::number(elapsed)));
        QVERIFY2(elapsed < kRetryBudgetMs + kRequestTimeoutMs + 1000,
            qPrintable(QString::number(elapsed)));
        QVERIFY2(error.contains(QStringLiteral("OpenSearch unreachable at ") + m_settings.url),
            qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("connection refused")), qPrintable(error));
        QVERIFY2(!error.contains(m_settings.password), qPrintable(error));
    }

    void everyOtherCallFailsAtOnceWithTheSameWords()
    {
        const auto store = openAnalyticsStore(m_settings);
        QString error;
        QElapsedTimer clock;
        clock.start();
        QVERIFY(!store->prepare(&error));
        QVERIFY2(
            error.contains(m_settings.url) && error.contains(QLatin1String("connection refused")),
            qPrintable(error));
        QVERIFY(!store->sync(&error));
        QVERIFY(!store->figures(FigureQuery {}, &error));
        QVERIFY(!store->documentCount(&error));
        QVERIFY2(error.contains(m_settings.url), qPrintable(error));
        QVERIFY2(!error.contains(m_settings.password), qPrintable(error));
        QVERIFY2(clock.elapsed() < kRequestTimeoutMs, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!store->describe().contains(m_settings.password));
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsOpenSearchDown)
#include "tst_analyticsopensearchdown.moc"
