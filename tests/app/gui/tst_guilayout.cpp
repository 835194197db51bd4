#include "window_fixture.h"

#include <QSignalSpy>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;
using test::WindowFixture;

// The window at 1920×1080 outside presenter mode: in every scene of the talk the side panel's
// actions are on its first screen, and the charts take the room the shop diagram leaves.
class TestGuiLayout : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOpenMs = 20000;
    // How long a layout may take to settle after a change.
    static constexpr int kLayoutMs = 3000;
    // The charts and the diagram as drawn fill at least this much of their column in the first
    // scene, where the column's width bounds the diagram: about 52 % with the charts at their
    // least, about 85 % with them at their most.
    static constexpr double kMinFill = 0.8;
    // The charts' row is never taller than this share of the window.
    static constexpr double kMaxBottomShare = 0.45;
    // A layout may round to the pixel.
    static constexpr double kSlack = 1.0;
    // Frames drawn after a scene settled before it is measured.
    static constexpr int kFrames = 2;
    // The talk's scenes that add the cook, the back office and the hot cabinet, counted from 0.
    static constexpr int kCookScene = 3;
    static constexpr int kBackOfficeScene = 4;
    static constexpr int kCabinetScene = 5;
    static constexpr int kTalkScenes = 6;
    // Six WHAT IF, three BACK OFFICE and the late consumer's; "Close for the day" with the
    // cabinet.
    static constexpr int kActions = 10;

    // The buttons of WHAT IF, BACK OFFICE and the late consumer's.
    static bool isAction(const QString &text)
    {
        static const QStringList actions {
            QStringLiteral("Kill a preparer"),
            QStringLiteral("Unreadable order"),
            QStringLiteral("Restart the broker"),
            QStringLiteral("Pause"),
            QStringLiteral("Resume"),
            QStringLiteral("Step"),
            QStringLiteral("Reset scene"),
            QStringLiteral("Close for the day"),
            QStringLiteral("Add accountant"),
            QStringLiteral("Add statistician"),
            QStringLiteral("Add stockist"),
            QStringLiteral("Add late consumer"),
        };
        return actions.contains(text);
    }

    // The docked panel; the drawer's copy is hidden outside presenter mode.
    QQuickItem *panel() const
    {
        QList<QQuickItem *> found;
        WindowFixture::collect(
            m_shop.window->contentItem(),
            [](QQuickItem *item) { return WindowFixture::isA(item, "ControlPanel"); }, &found);
        return found.size() == 1 ? found.constFirst() : nullptr;
    }

    QQuickItem *diagram() const { return m_shop.named(QStringLiteral("shopDiagram")); }

    QQuickItem *chartsRow() const { return m_shop.named(QStringLiteral("chartsRow")); }

    int visibleBackOfficeCards() const
    {
        QList<QQuickItem *> cards;
        WindowFixture::collect(
            m_shop.window->contentItem(),
            [](QQuickItem *item) { return WindowFixture::isA(item, "BackOfficeCard"); }, &cards);
        return int(cards.size());
    }

    // The panel's viewport: its scrolling content is seen through it.
    QQuickItem *viewport() const
    {
        QQuickItem *controls = panel();
        return controls ? controls->property("contentItem").value<QQuickItem *>() : nullptr;
    }

    QList<QQuickItem *> actions() const
    {
        QList<QQuickItem *> buttons;
        WindowFixture::collect(
            panel(),
            [](QQuickItem *item) {
                return item->inherits("QQuickButton")
                    && isAction(item->property("text").toString());
            },
            &buttons);
        return buttons;
    }

    // Where the lowest action ends, in the viewport.
    double actionsBottom() const
    {
        QQuickItem *view = viewport();
        double bottom = 0;
        for (QQuickItem *button : actions()) {
            bottom = qMax(bottom, view->mapFromItem(button, QPointF(0, button->height())).y());
        }
        return bottom;
    }

    // The actions cut by the panel's viewport, or the panel scrolled.
    QStringList actionsOutOfView(int expected) const
    {
        QQuickItem *view = viewport();
        if (!view) {
            return {QStringLiteral("no docked control panel")};
        }
        QStringList found;
        if (view->property("contentY").toDouble() != 0) {
            found.append(QStringLiteral("the panel is scrolled to %1")
                             .arg(view->property("contentY").toDouble()));
        }
        const QList<QQuickItem *> buttons = actions();
        if (buttons.size() != expected) {
            found.append(
                QStringLiteral("%1 actions found, %2 expected").arg(buttons.size()).arg(expected));
        }
        const QRectF viewport(0, 0, view->width(), view->height());
        for (QQuickItem *button : std::as_const(buttons)) {
            const QRectF at
                = view->mapRectFromItem(button, QRectF(0, 0, button->width(), button->height()));
            if (!viewport.adjusted(-kSlack, -kSlack, kSlack, kSlack).contains(at)) {
                found.append(QStringLiteral("\"%1\" at y %2 to %3 in a viewport %4 high")
                                 .arg(button->property("text").toString())
                                 .arg(at.top())
                                 .arg(at.bottom())
                                 .arg(viewport.height()));
            }
        }
        return found;
    }

    // How far down the stage the diagram draws its cards, topics and headings; some of them may
    // reach below its implicit height.
    double drawnHeight() const
    {
        QQuickItem *shop = diagram();
        double bottom = 0;
        const QList<QQuickItem *> children = shop->childItems();
        for (QQuickItem *child : children) {
            if (child->isVisible() && child->height() > 0 && WindowFixture::isDiagramBox(child)) {
                bottom = qMax(bottom, child->y() + child->height());
            }
        }
        return shop->y() + bottom * shop->scale();
    }

    double stageHeight() const { return diagram()->parentItem()->height(); }

    double bottomHeight() const { return chartsRow()->height(); }

    double columnHeight() const { return chartsRow()->parentItem()->height(); }

    // The charts' row and the diagram as drawn, against their column.
    double fill() const { return (bottomHeight() + drawnHeight()) / columnHeight(); }

    void openScene(int scene)
    {
        m_shop.controller->goToScene(scene);
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.controller->scene(), scene, kOpenMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.controller->status(), QStringLiteral("running"), kOpenMs);
        QTRY_VERIFY_WITH_TIMEOUT(diagram() && diagram()->width() > 0, kOpenMs);
        // The scene's members have joined and have their cards.
        QTRY_VERIFY_WITH_TIMEOUT(m_shop.controller->preparers()->rowCount() > 0
                && m_shop.controller->counters()->rowCount() > 0,
            kOpenMs);
        if (scene >= kCookScene) {
            QTRY_VERIFY_WITH_TIMEOUT(m_shop.controller->cooks()->rowCount() > 0, kOpenMs);
        }
        if (scene >= kBackOfficeScene) {
            QTRY_VERIFY_WITH_TIMEOUT(visibleBackOfficeCards() > 0, kOpenMs);
        }
        if (scene >= kCabinetScene) {
            QTRY_VERIFY_WITH_TIMEOUT(m_shop.controller->hasCabinet(), kOpenMs);
        }
        // What changed is laid out at the next polish: measure after two more frames.
        QSignalSpy frames(m_shop.window, &QQuickWindow::frameSwapped);
        QTRY_VERIFY_WITH_TIMEOUT(frames.size() >= kFrames, kOpenMs);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_shop.open(QStringLiteral("talk"), 0));
        QVERIFY(!m_shop.view->presenter());
        QCOMPARE(m_shop.window->size(), QSize(1920, 1080));
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.controller->status(), QStringLiteral("running"), kOpenMs);
    }

    void cleanupTestCase() { m_shop.close(); }

    void everyActionOfThePanelIsOnItsFirstScreen()
    {
        QVERIFY(m_shop.controller->scenes()->count() >= kTalkScenes);
        for (int scene = 0; scene < kTalkScenes; ++scene) {
            openScene(scene);
            if (QTest::currentTestFailed()) {
                return;
            }
            const int expected = kActions + (scene >= kCabinetScene ? 1 : 0);
            QTRY_VERIFY2_WITH_TIMEOUT(actionsOutOfView(expected).isEmpty(),
                qPrintable(QStringLiteral("scene %1: ").arg(scene + 1)
                    + actionsOutOfView(expected).join(QStringLiteral("; "))),
                kLayoutMs);
            qInfo().noquote() << QStringLiteral("scene %1: the lowest action ends %2 px down a "
                                                "viewport %3 px high")
                                     .arg(scene + 1)
                                     .arg(actionsBottom())
                                     .arg(viewport()->height());
        }
    }

    void theChartsTakeTheRoomTheDiagramLeaves()
    {
        openScene(0);
        QVERIFY(chartsRow());
        QTRY_VERIFY2_WITH_TIMEOUT(fill() >= kMinFill,
            qPrintable(QStringLiteral("scene 1: the charts (%1 px high) and the diagram (%2 px) "
                                      "fill only %3 % of their column (%4 px)")
                           .arg(bottomHeight())
                           .arg(drawnHeight())
                           .arg(fill() * 100, 0, 'f', 0)
                           .arg(columnHeight())),
            kLayoutMs);
        qInfo().noquote() << QStringLiteral(
            "scene 1: the charts are %1 px high, the diagram %2 px: "
            "%3 % of the column")
                                 .arg(bottomHeight())
                                 .arg(drawnHeight())
                                 .arg(fill() * 100, 0, 'f', 1);
        const double most = m_shop.window->height() * kMaxBottomShare;
        for (int scene = 0; scene < kTalkScenes; ++scene) {
            openScene(scene);
            QTRY_VERIFY2_WITH_TIMEOUT(bottomHeight() <= most + kSlack,
                qPrintable(QStringLiteral("scene %1: the charts are %2 px high, more than %3")
                               .arg(scene + 1)
                               .arg(bottomHeight())
                               .arg(most)),
                kLayoutMs);
            QTRY_VERIFY2_WITH_TIMEOUT(drawnHeight() <= stageHeight() + kSlack,
                qPrintable(QStringLiteral("scene %1: the diagram draws %2 px down a stage %3 px "
                                          "high")
                               .arg(scene + 1)
                               .arg(drawnHeight())
                               .arg(stageHeight())),
                kLayoutMs);
        }
    }

    // The notes that no longer take the panel's room show on the slider they are about.
    // The window system appends " — Chippy" (the application's display name) itself.
    void theTitleIsTheSceneNamedOnce()
    {
        openScene(2);
        QCOMPARE(m_shop.window->title(), m_shop.controller->sceneTitle());
        QVERIFY(!m_shop.window->title().contains(QLatin1String("Chippy")));
        QVERIFY(!m_shop.window->title().isEmpty());
    }

    void aSlidersNoteShowsWhenItIsReachedWithTab()
    {
        openScene(0);
        QQuickItem *control = m_shop.find([](QQuickItem *item) {
            return item->objectName() == QLatin1String("partitionsControl") && item->isVisible();
        });
        QVERIFY(control);
        QQuickItem *slider = WindowFixture::findIn(control,
            [](QQuickItem *item) { return item->objectName() == QLatin1String("slider"); });
        QVERIFY(slider);
        QObject *note = nullptr;
        const QList<QObject *> children = slider->children();
        for (QObject *child : children) {
            if (child->inherits("QQuickToolTip")) {
                note = child;
            }
        }
        QVERIFY(note);
        QVERIFY(
            note->property("text").toString().startsWith(QStringLiteral("Partitions can only")));
        QVERIFY(!note->property("visible").toBool());
        slider->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(note->property("visible").toBool(), kLayoutMs);
        // Esc hands the keys back to the scene, and the note goes with the focus.
        QTest::keyClick(m_shop.window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!note->property("visible").toBool(), kLayoutMs);
    }

private:
    WindowFixture m_shop;
};

QTEST_MAIN(TestGuiLayout)
#include "tst_guilayout.moc"
