#include "shop_controller.h"
#include "view_settings.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <functional>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;

namespace {

QQuickItem *findItem(QQuickItem *from, const std::function<bool(QQuickItem *)> &wanted)
{
    if (wanted(from)) {
        return from;
    }
    const QList<QQuickItem *> children = from->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, wanted)) {
            return found;
        }
    }
    return nullptr;
}

QPoint centreOf(QQuickItem *item)
{
    return item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
}

} // namespace

// The keys a speaker presses work whatever was clicked last: a click leaves the keys to the
// scene, Space only pauses, and a control takes arrows only once it is reached with Tab.
class TestGuiKeys : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOpenMs = 15000;

    QQuickItem *visibleWithText(const QString &text) const
    {
        return findItem(m_window->contentItem(), [&text](QQuickItem *item) {
            return item->isVisible() && item->property("text").toString() == text
                && item->metaObject()->indexOfSignal("clicked()") >= 0;
        });
    }

    QQuickItem *partitionsSlider() const
    {
        QQuickItem *control = findItem(m_window->contentItem(), [](QQuickItem *item) {
            return item->objectName() == QLatin1String("partitionsControl") && item->isVisible();
        });
        return control ? findItem(control,
                             [](QQuickItem *item) {
                                 return item->objectName() == QLatin1String("slider");
                             })
                       : nullptr;
    }

    void waitForScene(int scene)
    {
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->scene(), scene, kOpenMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->status(), QStringLiteral("running"), kOpenMs);
    }

private slots:
    void initTestCase()
    {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        m_view = std::make_unique<ViewSettings>(nullptr);
        m_controller = std::make_unique<ShopController>(shop::ShopConfig {}, nullptr);
        QString error;
        QVERIFY2(m_controller->start(QStringLiteral("talk"), 1, &error), qPrintable(error));
        m_engine = std::make_unique<QQmlApplicationEngine>();
        m_engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        m_engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Chippy/Main.qml")));
        QCOMPARE(m_engine->rootObjects().size(), 1);
        m_window = qobject_cast<QQuickWindow *>(m_engine->rootObjects().constFirst());
        QVERIFY(m_window);
        m_window->resize(1920, 1080);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window));
        m_window->requestActivate();
        waitForScene(1);
    }

    void cleanupTestCase()
    {
        m_engine.reset();
        m_controller.reset();
        m_view.reset();
    }

    void afterClicksTheKeysStillStepTheScene()
    {
        QQuickItem *slider = partitionsSlider();
        QVERIFY(slider);
        QQuickItem *handle = slider->property("handle").value<QQuickItem *>();
        QVERIFY(handle);
        const double partitions = slider->property("value").toDouble();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(handle));
        QVERIFY2(!slider->hasActiveFocus(), "a click gives a slider no focus");

        QQuickItem *badOrder = visibleWithText(QStringLiteral("Unreadable order"));
        QVERIFY(badOrder);
        QTest::mouseClick(m_window, Qt::LeftButton, {}, centreOf(badOrder));
        QVERIFY2(!badOrder->hasActiveFocus(), "a click gives a button no focus");
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->deadLettered(), qint64(1), kOpenMs);

        QTest::keyClick(m_window, Qt::Key_Right);
        QCOMPARE(slider->property("value").toDouble(), partitions);
        waitForScene(2);
        QTest::keyClick(m_window, Qt::Key_PageDown);
        waitForScene(3);
        QTest::keyClick(m_window, Qt::Key_PageUp);
        waitForScene(2);

        QVERIFY(!m_controller->paused());
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(m_controller->paused(), kOpenMs);
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_VERIFY_WITH_TIMEOUT(!m_controller->paused(), kOpenMs);
        QCOMPARE(m_controller->scene(), 2);
        QVERIFY2(m_controller->deadLettered() <= 1, "Space pressed the last button clicked");
    }

    void spaceNeverPressesTheButtonThatHasTheFocus()
    {
        QQuickItem *button = nullptr;
        for (int tab = 0; tab < 60 && !button; ++tab) {
            QTest::keyClick(m_window, Qt::Key_Tab);
            QQuickItem *focused = m_window->activeFocusItem();
            if (focused && focused->property("text").toString() == QLatin1String("Unreadable order")) {
                button = focused;
            }
        }
        QVERIFY2(button, "Tab reaches the buttons of the control panel");
        const bool paused = m_controller->paused();
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->paused(), !paused, kOpenMs);
        QTest::keyClick(m_window, Qt::Key_Space);
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->paused(), paused, kOpenMs);
        QTest::keyClick(m_window, Qt::Key_Escape);
        QVERIFY2(!button->hasActiveFocus(), "Esc gives the keys back to the scene");
    }

    void aSliderReachedWithTabTakesTheArrows()
    {
        QQuickItem *slider = partitionsSlider();
        QVERIFY(slider);
        for (int tab = 0; tab < 60 && !slider->hasActiveFocus(); ++tab) {
            QTest::keyClick(m_window, Qt::Key_Tab);
        }
        QVERIFY2(slider->hasActiveFocus(), "Tab reaches the partitions slider");
        const int scene = m_controller->scene();
        const double partitions = slider->property("value").toDouble();
        QTest::keyClick(m_window, Qt::Key_Right);
        QCOMPARE(slider->property("value").toDouble(), partitions + 1);
        QCOMPARE(m_controller->scene(), scene);
        QTRY_COMPARE_WITH_TIMEOUT(
            double(m_controller->partitionCount()), partitions + 1, kOpenMs);

        QTest::keyClick(m_window, Qt::Key_Escape);
        QVERIFY(!slider->hasActiveFocus());
        QTest::keyClick(m_window, Qt::Key_Right);
        waitForScene(scene + 1);
        QCOMPARE(double(m_controller->partitionCount()) >= partitions + 1, true);
    }

private:
    std::unique_ptr<ViewSettings> m_view;
    std::unique_ptr<ShopController> m_controller;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow *m_window = nullptr;
};

QTEST_MAIN(TestGuiKeys)
#include "tst_guikeys.moc"
