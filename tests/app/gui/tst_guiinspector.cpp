#include "window_fixture.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;
using test::WindowFixture;

// The record inspector as a speaker uses it: its header follows the partition's log end, and
// the list holds still while the pointer is over it.
class TestGuiInspector : public QObject
{
    Q_OBJECT

private:
    static constexpr int kShopMs = 20000;

    qint64 logEnd() const
    {
        return m_shop.controller->orderPartitions()->get(0).value("logEnd").toLongLong();
    }

    qint64 newestShown() const
    {
        const RecordModel *records = m_shop.controller->records();
        return records->rowCount() > 0 ? records->get(0).value("offset").toLongLong() : -1;
    }

    // The log end the inspector's header states, or -1.
    qint64 endInHeader() const
    {
        QQuickItem *inspector = m_shop.find([](QQuickItem *item) {
            return item->property("title").toString().startsWith(QLatin1String("PARTITION"));
        });
        if (!inspector) {
            return -1;
        }
        static const QRegularExpression end(QStringLiteral("end (\\d+)"));
        const auto match = end.match(inspector->property("title").toString());
        return match.hasMatch() ? match.captured(1).toLongLong() : -1;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_shop.open(QStringLiteral("model-1"), 0));
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.controller->status(), QStringLiteral("running"), kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(logEnd() >= 2, kShopMs);
        m_shop.controller->inspectPartition(QStringLiteral("ORDER"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(newestShown() >= 1, kShopMs);
    }

    void cleanupTestCase() { m_shop.close(); }

    void theHeaderFollowsTheLogEnd()
    {
        const qint64 opened = endInHeader();
        QVERIFY(opened >= 2);
        QTRY_VERIFY_WITH_TIMEOUT(logEnd() >= opened + 2, kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(endInHeader() >= opened + 2, kShopMs);
    }

    void theListHoldsStillUnderThePointer()
    {
        QQuickItem *list = m_shop.named(QStringLiteral("recordList"));
        QVERIFY(list);
        QTest::mouseMove(m_shop.window, WindowFixture::centreOf(list));
        QTRY_VERIFY_WITH_TIMEOUT(m_shop.controller->records()->held(), kShopMs);
        const qint64 held = newestShown();
        // Long enough for the inspector to have been refreshed twice, and new orders placed.
        QElapsedTimer clock;
        clock.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            clock.elapsed() > 2 * ShopController::kInspectorRefreshMs + 500 && logEnd() > held + 2,
            kShopMs);
        QCOMPARE(newestShown(), held);

        QTest::mouseMove(m_shop.window, QPoint(5, 5));
        QTRY_VERIFY_WITH_TIMEOUT(!m_shop.controller->records()->held(), kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(newestShown() > held, kShopMs);
    }

private:
    WindowFixture m_shop;
};

QTEST_MAIN(TestGuiInspector)
#include "tst_guiinspector.moc"
