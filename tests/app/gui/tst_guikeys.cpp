#include "window_fixture.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;
using test::WindowFixture;

// The keys a speaker presses work whatever was clicked last: a click leaves the keys to the
// scene, Space only pauses, and a control takes arrows only once it is reached with Tab.
class TestGuiKeys : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOpenMs = 15000;

    QQuickItem *visibleWithText(const QString &text) const
    {
        return m_shop.find([&text](QQuickItem *item) {
            return item->isVisible() && item->property("text").toString() == text
                && item->metaObject()->indexOfSignal("clicked()") >= 0;
        });
    }

    QQuickItem *partitionsSlider() const
    {
        QQuickItem *control = m_shop.find([](QQuickItem *item) {
            return item->objectName() == QLatin1String("partitionsControl") && item->isVisible();
        });
        return control ? WindowFixture::findIn(control,
                   [](QQuickItem *item) { return item->objectName() == QLatin1String("slider"); })
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
        QVERIFY(m_shop.open(QStringLiteral("talk"), 1));
        m_controller = m_shop.controller.get();
        m_window = m_shop.window;
        waitForScene(1);
    }

    void cleanupTestCase() { m_shop.close(); }

    void afterClicksTheKeysStillStepTheScene()
    {
        QQuickItem *slider = partitionsSlider();
        QVERIFY(slider);
        QQuickItem *handle = slider->property("handle").value<QQuickItem *>();
        QVERIFY(handle);
        const double partitions = slider->property("value").toDouble();
        QTest::mouseClick(m_window, Qt::LeftButton, {}, WindowFixture::centreOf(handle));
        QVERIFY2(!slider->hasActiveFocus(), "a click gives a slider no focus");

        QQuickItem *badOrder = visibleWithText(QStringLiteral("Unreadable order"));
        QVERIFY(badOrder);
        QTest::mouseClick(m_window, Qt::LeftButton, {}, WindowFixture::centreOf(badOrder));
        QVERIFY2(!badOrder->hasActiveFocus(), "a click gives a button no focus");
        QTRY_COMPARE_WITH_TIMEOUT(m_controller->deadLettered(), qint64(1), kOpenMs);
        QVERIFY2(m_controller->changedByHand(), "the caption says the scene was changed by hand");
        // The unreadable order is drawn on the dead-letter topic, with who sent it there.
        QQuickItem *deadLetters = m_shop.named(QStringLiteral("deadLetterTopic"));
        QVERIFY(deadLetters);
        QTRY_VERIFY_WITH_TIMEOUT(deadLetters->isVisible(), kOpenMs);
        QVERIFY(WindowFixture::findIn(deadLetters, [](QQuickItem *item) {
            return item->objectName() == QLatin1String("deadLetterNewest")
                && item->property("text").toString().contains(QLatin1String("from preparer-"));
        }));

        QTest::keyClick(m_window, Qt::Key_Right);
        QCOMPARE(slider->property("value").toDouble(), partitions);
        waitForScene(2);
        QVERIFY2(!m_controller->changedByHand(), "a new scene starts as its caption says");
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
            if (focused
                && focused->property("text").toString() == QLatin1String("Unreadable order")) {
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
        QTRY_COMPARE_WITH_TIMEOUT(double(m_controller->partitionCount()), partitions + 1, kOpenMs);

        QTest::keyClick(m_window, Qt::Key_Escape);
        QVERIFY(!slider->hasActiveFocus());
        QTest::keyClick(m_window, Qt::Key_Right);
        waitForScene(scene + 1);
        QCOMPARE(double(m_controller->partitionCount()) >= partitions + 1, true);
    }

private:
    WindowFixture m_shop;
    ShopController *m_controller = nullptr;
    QQuickWindow *m_window = nullptr;
};

QTEST_MAIN(TestGuiKeys)
#include "tst_guikeys.moc"
