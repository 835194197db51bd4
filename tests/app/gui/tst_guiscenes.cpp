#include "shop/queue_mapping.h"
#include "window_fixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;
using test::hasNotice;
using test::preparersIn;
using test::WindowFixture;

// Runs the window offscreen on the embedded broker through the talk's models and checks what
// the models the views draw from hold at each step.
class TestGuiScenes : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOpenMs = 10000;
    static constexpr int kShopMs = 20000;
    static constexpr int kResetBudgetMs = 1000;
    // A cluster that cannot be reached is said in words within this.
    static constexpr int kGoneAnswerMs = 10000;

    int workingPreparers() const { return preparersIn(*m_controller, QStringLiteral("working")); }
    int idlePreparers() const { return preparersIn(*m_controller, QStringLiteral("idle")); }

    void openScene(const QString &scenario, int step = 0)
    {
        QString error;
        QVERIFY2(m_controller->start(scenario, step, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
    }

private slots:
    void initTestCase()
    {
        // At the size Main.qml gives the window.
        QVERIFY(m_shop.open(QStringLiteral("model-1"), 0, QSize()));
        m_view = m_shop.view.get();
        m_controller = m_shop.controller.get();
        m_window = m_shop.window;
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
    }

    void cleanup() { QVERIFY2(m_shop.quiet(), "the window reported QML warnings"); }

    void cleanupTestCase() { m_shop.close(); }

    void modelOneServesOrdersThroughOnePartition()
    {
        openScene(QStringLiteral("model-1"));
        QCOMPARE(m_controller->sceneTitle(), QStringLiteral("Cod and chips"));
        QCOMPARE(m_controller->tills()->rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->orderPartitions()->rowCount(), 1, kOpenMs);
        QTRY_COMPARE_WITH_TIMEOUT(workingPreparers(), 1, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->counters()->rowCount(), 1, kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->served() >= 2, kShopMs);
        QVERIFY(!m_controller->hasCook());
        const QVariantMap p0 = m_controller->orderPartitions()->get(0);
        QVERIFY(p0.value("logEnd").toLongLong() >= 2);
        QCOMPARE(p0.value("owner").toString(), QStringLiteral("preparer-1"));
        QVERIFY(!p0.value("recent").toList().isEmpty());
        QCOMPARE(p0.value("recent").toList().first().toInt(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_controller->orderPartitions()->get(0).value("committed").toLongLong() >= 1, kShopMs);
        QVERIFY(m_controller->rebalances()->rowCount() >= 1);
    }

    void modelTwoKeysQueuesToPartitions()
    {
        m_controller->nextScene();
        QCOMPARE(m_controller->scene(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->tills()->rowCount(), 4, kOpenMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->orderPartitions()->rowCount() >= 2, kShopMs);
        const int partitions = m_controller->orderPartitions()->rowCount();
        for (int row = 0; row < 4; ++row) {
            QCOMPARE(m_controller->tills()->get(row).value("partition").toInt(),
                shop::partitionForQueue(row + 1, partitions));
        }
        // One preparer owns every partition.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_controller->preparers()->get(0).value("partitions").toList().size(), partitions,
            kShopMs);
        // Each queue's orders land where its key sends them.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_controller->tills()->get(3).value("placed").toLongLong() > 0, kShopMs);
    }

    void modelThreeLeavesAPreparerIdle()
    {
        m_controller->nextScene();
        QCOMPARE(m_controller->sceneTitle(), QStringLiteral("More preparers"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->preparers()->rowCount(), 3, kShopMs);
        const int partitions = m_controller->orderPartitions()->rowCount();
        QTRY_COMPARE_WITH_TIMEOUT(workingPreparers(), std::min(3, partitions), kShopMs);
        QCOMPARE(idlePreparers(), 3 - std::min(3, partitions));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->preparers()->generation() >= 2, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->counters()->rowCount(), 2, kShopMs);
    }

    void modelFourSendsPlaiceThroughTheCook()
    {
        m_controller->nextScene();
        // The window draws the cook once the session reports that it has one.
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->hasCook(), kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->orderPartitions()->rowCount(), 3, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->cooks()->rowCount(), 1, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->cooks()->get(0).value("state").toString(),
            QStringLiteral("working"), kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->cookPartitions()->records() > 0, kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->hotFoodPartitions()->records() > 0, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(workingPreparers(), 3, kShopMs);
        QCOMPARE(m_controller->servedTwice(), 0);
    }

    void stepsBackOpenTheSceneAfresh()
    {
        m_controller->previousScene();
        QCOMPARE(m_controller->scene(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
        QVERIFY(!m_controller->hasCook());
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->orderPartitions()->rowCount(), 2, kShopMs);
    }

    void resetOpensTheSceneAgainInUnderASecond()
    {
        openScene(QStringLiteral("model-1"));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->placed() > 0, kShopMs);
        m_controller->reset();
        QCOMPARE(m_controller->placed(), 0);
        QCOMPARE(m_controller->orderPartitions()->rowCount(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
        qInfo("reset reopened the scene in %d ms", m_controller->openMs());
        QVERIFY2(m_controller->openMs() < kResetBudgetMs,
            qPrintable(QStringLiteral("reset took %1 ms").arg(m_controller->openMs())));
    }

    void aClickedPartitionShowsItsRecordsAndAnOrdersJourney()
    {
        openScene(QStringLiteral("model-1"));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->orderPartitions()->rowCount() == 1
                && m_controller->orderPartitions()->get(0).value("logEnd").toLongLong() >= 3,
            kShopMs);
        m_controller->inspectPartition(m_controller->orderTopic(), 0);
        RecordModel *records = m_controller->records();
        QTRY_VERIFY_WITH_TIMEOUT(records->rowCount() > 0, kShopMs);
        const QVariantMap newest = records->get(0);
        QCOMPARE(newest.value("key").toString(), QStringLiteral("1"));
        QVERIFY(newest.value("value").toString().contains(QLatin1String("\"order\"")));
        QVERIFY(!newest.value("timestamp").toString().isEmpty());
        QVERIFY(newest.value("offset").toLongLong()
            >= records->get(records->rowCount() - 1).value("offset").toLongLong());
        m_controller->followOrder(newest.value("order").toLongLong());
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->journey()->rowCount() >= 2, kShopMs);
        QCOMPARE(
            m_controller->journey()->get(0).value("topic").toString(), m_controller->orderTopic());
        m_controller->closeInspector();
        QCOMPARE(records->partition(), -1);
    }

    void aLateConsumerReadsTheLogFromTheStart()
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            m_controller->orderPartitions()->get(0).value("logEnd").toLongLong() >= 3, kShopMs);
        const qint64 before = m_controller->orderPartitions()->get(0).value("logEnd").toLongLong();
        QCOMPARE(m_controller->addLateConsumer(QStringLiteral("earliest")), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->lateReaders()->rowCount(), 1, kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_controller->lateReaders()->get(0).value("handled").toLongLong() >= before, kShopMs);
        QVERIFY(!m_controller->addLateConsumer(QStringLiteral("sideways")).isEmpty());
    }

    void retentionVisiblyMovesTheLogStart()
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->orderPartitions()->rowCount() == 1, kShopMs);
        m_controller->setOrderRate(20);
        m_controller->setRetention(2);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->retentionS(), 2, kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(hasNotice(*m_controller, QStringLiteral("done"),
                                     QStringLiteral("keeps records for 2 s")),
            kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_controller->orderPartitions()->get(0).value("logStart").toLongLong() > 0, kShopMs);
        // A late reader asked for a record retention removed is told where it starts instead.
        QCOMPARE(m_controller->addLateConsumer(QStringLiteral("offset"), 0), QString());
        QTRY_VERIFY_WITH_TIMEOUT(
            hasNotice(*m_controller, QStringLiteral("warning"),
                QStringLiteral("offset 0 of ORDER-0 is gone, the log starts at")),
            kShopMs);
    }

    void thePartitionsControlAskedToGoDownSnapsBackAndSaysWhy()
    {
        openScene(QStringLiteral("model-2"));
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->orderPartitions()->rowCount() >= 2, kShopMs);
        const int partitions = m_controller->partitionCount();
        QCOMPARE(partitions, m_controller->orderPartitions()->rowCount());
        const QList<QObject *> controls
            = m_window->findChildren<QObject *>(QStringLiteral("partitionsControl"));
        QVERIFY(!controls.isEmpty());
        QObject *control = controls.constFirst();
        QObject *slider = control->findChild<QObject *>(QStringLiteral("slider"));
        QVERIFY(slider);
        QCOMPARE(slider->property("value").toInt(), partitions);

        // A hand drags the slider down to one and lets go.
        slider->setProperty("value", 1);
        QObject *banner = m_window->findChild<QObject *>(QStringLiteral("noticeBanner"));
        QVERIFY(banner);
        QVERIFY(QMetaObject::invokeMethod(control, "moved", Q_ARG(double, 1)));
        // The reason is shown over the shop, in words.
        QTRY_VERIFY_WITH_TIMEOUT(hasNotice(*m_controller, QStringLiteral("refused"),
                                     QStringLiteral("never take them away"))
                && banner->property("visible").toBool(),
            kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(slider->property("value").toInt(), partitions, kShopMs);
        QCOMPARE(m_controller->partitionCount(), partitions);

        m_controller->setPartitions(partitions + 1);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_controller->orderPartitions()->rowCount(), partitions + 1, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(slider->property("value").toInt(), partitions + 1, kShopMs);
    }

    void killingAPreparerLeavesItGoneUntilTheGroupNotices()
    {
        openScene(QStringLiteral("model-3"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->preparers()->rowCount(), 3, kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(workingPreparers() >= 2, kShopMs);
        m_controller->killPreparer();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_controller->preparers()->get(2).value("state") == QLatin1String("gone"), kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->preparers()->rowCount(), 2, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(workingPreparers(), 2, kShopMs);
    }

    void anUnreadableOrderIsANoticeInWords()
    {
        m_controller->placeBadOrder();
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->deadLettered() >= 1, kShopMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            hasNotice(*m_controller, QStringLiteral("dead-letter"), QStringLiteral("ORDER-DLQ")),
            kShopMs);
    }

    void aClusterThatCannotBeReachedIsSaidInWords()
    {
        ClusterSettings *cluster = m_controller->cluster();
        cluster->setEmbedded(false);
        cluster->setBootstrap(QString());
        QVERIFY(!m_controller->connectNow().isEmpty());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("client.properties"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("bootstrap.servers=127.0.0.1:1\nsecurity.protocol=PLAINTEXT\n");
        file.close();
        QCOMPARE(cluster->importProperties(QUrl::fromLocalFile(path).toString()), QString());
        QCOMPARE(cluster->bootstrap(), QStringLiteral("127.0.0.1:1"));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(m_controller->connectNow(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("failed"), kShopMs);
        QVERIFY2(clock.elapsed() < kGoneAnswerMs, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!m_controller->statusText().isEmpty());
        QVERIFY(hasNotice(*m_controller, QStringLiteral("error"), m_controller->statusText()));

        cluster->setEmbedded(true);
        QCOMPARE(m_controller->connectNow(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
    }

    void theKeysStepThroughTheScenes()
    {
        openScene(QStringLiteral("model-1"));
        m_window->requestActivate();
        QTest::keyClick(m_window, Qt::Key_Right);
        QTRY_COMPARE(m_controller->scene(), 1);
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY(m_controller->paused());
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY(!m_controller->paused());
        QTest::keyClick(m_window, Qt::Key_P);
        QTRY_VERIFY(m_view->presenter());
        QTest::keyClick(m_window, Qt::Key_P);
        QTRY_VERIFY(!m_view->presenter());
        QTest::keyClick(m_window, Qt::Key_Plus);
        QTRY_COMPARE(m_view->zoom(), 1.1);
        QTest::keyClick(m_window, Qt::Key_Minus);
        QTRY_COMPARE(m_view->zoom(), 1.0);
        QTest::keyClick(m_window, Qt::Key_Question);
        QTRY_VERIFY(m_view->keysShown());
        QTest::keyClick(m_window, Qt::Key_Escape);
        QTRY_VERIFY(!m_view->keysShown());
        QTest::keyClick(m_window, Qt::Key_Left);
        QTRY_COMPARE(m_controller->scene(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
    }

    void presenterTextIsAtLeast28PixelsAt1920By1080()
    {
        m_view->setPresenter(true);
        m_window->resize(1920, 1080);
        openScene(QStringLiteral("model-4"));
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->cooks()->rowCount(), 1, kShopMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->preparers()->rowCount(), 3, kShopMs);
        QObject *diagram = m_window->findChild<QObject *>(QStringLiteral("shopDiagram"));
        QVERIFY(diagram);
        QTRY_VERIFY_WITH_TIMEOUT(diagram->property("smallestText").toDouble() > 0, kOpenMs);
        const double smallest = diagram->property("smallestText").toDouble();
        qInfo("presenter mode: smallest diagram text %.1f px (diagram %.0fx%.0f drawn at %.3f)",
            smallest, diagram->property("implicitWidth").toDouble(),
            diagram->property("implicitHeight").toDouble(), diagram->property("scale").toDouble());
        QVERIFY2(smallest >= 28 - 0.5, qPrintable(QString::number(smallest)));
        m_view->setPresenter(false);
    }

private:
    WindowFixture m_shop;
    ViewSettings *m_view = nullptr;
    ShopController *m_controller = nullptr;
    QQuickWindow *m_window = nullptr;
};

QTEST_MAIN(TestGuiScenes)
#include "tst_guiscenes.moc"
