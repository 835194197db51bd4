#include "window_fixture.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

using namespace chippy;
using namespace chippy::gui;
using test::WindowFixture;

// Presenter mode on a projector: every scene of the talk at 720p, 1080p and 4K fills the room
// between the caption and the charts, cuts no text, draws every topic's records, lays no box
// over another, and its wires stay on their ends whatever the speaker pressed.
class TestGuiPresenter : public QObject
{
    Q_OBJECT

private:
    static constexpr int kOpenMs = 20000;
    // Long enough for records to reach every topic of the scene.
    static constexpr int kSettleMs = 1500;
    // How long a layout may take to settle after a change.
    static constexpr int kLayoutMs = 3000;
    // The diagram fills at least this much of the stage's width or height.
    static constexpr double kMinFill = 0.9;
    // Two boxes may share an edge; they may not overlap by more.
    static constexpr double kTouch = 1.0;
    // How far a wire's end may be from the edge of what it joins.
    static constexpr double kWireSlack = 2.5;

    static QRectF sceneRect(const QQuickItem *item)
    {
        return item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    }

    static QString describe(const QQuickItem *item)
    {
        const QString text = item->property("text").toString();
        const QString title = item->property("title").toString();
        return QStringLiteral("%1 \"%2\" at %3,%4 %5×%6")
            .arg(QString::fromLatin1(item->metaObject()->className())
                     .section(QLatin1Char('_'), 0, 0),
                !text.isEmpty() ? text : title)
            .arg(sceneRect(item).x())
            .arg(sceneRect(item).y())
            .arg(sceneRect(item).width())
            .arg(sceneRect(item).height());
    }

    QQuickItem *diagram() const { return m_shop.named(QStringLiteral("shopDiagram")); }

    QObject *drawer() const
    {
        const QList<QObject *> all = m_shop.window->findChildren<QObject *>();
        for (QObject *object : all) {
            if (object->inherits("QQuickDrawer")) {
                return object;
            }
        }
        return nullptr;
    }

    // The diagram's cards, topic boxes and headings, in flight tokens and wires left out.
    QList<QQuickItem *> boxes() const
    {
        QList<QQuickItem *> found;
        const QList<QQuickItem *> children = diagram()->childItems();
        for (QQuickItem *child : children) {
            if (child->isVisible() && child->width() > 0 && child->height() > 0
                && WindowFixture::isDiagramBox(child)) {
                found.append(child);
            }
        }
        return found;
    }

    QStringList elidedTexts() const
    {
        QList<QQuickItem *> texts;
        WindowFixture::collect(
            m_shop.window->contentItem(),
            [](QQuickItem *item) { return item->inherits("QQuickText") && item->opacity() > 0; },
            &texts);
        QStringList elided;
        for (QQuickItem *text : std::as_const(texts)) {
            if (text->property("truncated").toBool()) {
                elided.append(describe(text));
            }
        }
        return elided;
    }

    QStringList overlaps() const
    {
        const QList<QQuickItem *> all = boxes();
        QStringList found;
        for (qsizetype i = 0; i < all.size(); ++i) {
            const QRectF a = sceneRect(all[i]).adjusted(kTouch, kTouch, -kTouch, -kTouch);
            for (qsizetype j = i + 1; j < all.size(); ++j) {
                if (a.intersects(sceneRect(all[j]))) {
                    found.append(describe(all[i]) + QStringLiteral(" over ") + describe(all[j]));
                }
            }
        }
        return found;
    }

    // Orders in flight pass under the cards and topics, and the short mark lies over none.
    QStringList marksOverBoxes() const
    {
        QStringList found;
        const QList<QQuickItem *> children = diagram()->childItems();
        const QList<QQuickItem *> drawn = boxes();
        for (QQuickItem *child : children) {
            const QString name = child->objectName();
            if (name == QLatin1String("tokenLayer")) {
                for (QQuickItem *box : drawn) {
                    if (box->parentItem() == diagram()
                        && (children.indexOf(box) < children.indexOf(child)
                            || box->z() < child->z())) {
                        found.append(QStringLiteral("orders in flight over ") + describe(box));
                    }
                }
            } else if (name == QLatin1String("shortMark") && child->opacity() > 0) {
                const QRectF mark = sceneRect(child).adjusted(kTouch, kTouch, -kTouch, -kTouch);
                for (QQuickItem *box : drawn) {
                    if (mark.intersects(sceneRect(box))) {
                        found.append(describe(child) + QStringLiteral(" over ") + describe(box));
                    }
                }
            }
        }
        return found;
    }

    // Topics drawn as totals only, or with fewer lanes than partitions.
    QStringList topicsWithoutRecords() const
    {
        QStringList found;
        for (QQuickItem *box : boxes()) {
            if (!WindowFixture::isA(box, "TopicBox")) {
                continue;
            }
            const auto *partitions = box->property("partitions").value<QObject *>();
            const int count = partitions ? partitions->property("count").toInt() : 0;
            QList<QQuickItem *> lanes;
            WindowFixture::collect(
                box,
                [](QQuickItem *item) {
                    return item->objectName() == QLatin1String("partitionLane");
                },
                &lanes);
            if (lanes.size() < count) {
                found.append(QStringLiteral("%1 draws %2 of %3 partitions")
                                 .arg(describe(box))
                                 .arg(lanes.size())
                                 .arg(count));
            }
        }
        return found;
    }

    // Wires whose ends are not on the edge of a card, a topic or a lane (on a lane: its middle).
    QStringList looseWires() const
    {
        QQuickItem *shop = diagram();
        QList<QQuickItem *> ends = boxes();
        QList<QQuickItem *> lanes;
        WindowFixture::collect(
            shop,
            [](QQuickItem *item) { return item->objectName() == QLatin1String("partitionLane"); },
            &lanes);
        QList<QQuickItem *> wires;
        const QList<QQuickItem *> children = shop->childItems();
        for (QQuickItem *child : children) {
            if (child->isVisible() && WindowFixture::isA(child, "Arrow")) {
                wires.append(child);
            }
        }
        const auto onEdge = [](const QRectF &box, QPointF at, bool middle) {
            const bool inX
                = at.x() >= box.left() - kWireSlack && at.x() <= box.right() + kWireSlack;
            const bool inY
                = at.y() >= box.top() - kWireSlack && at.y() <= box.bottom() + kWireSlack;
            const bool side = qAbs(at.x() - box.left()) <= kWireSlack
                || qAbs(at.x() - box.right()) <= kWireSlack;
            const bool topOrBottom = qAbs(at.y() - box.top()) <= kWireSlack
                || qAbs(at.y() - box.bottom()) <= kWireSlack;
            if (middle) {
                return side && qAbs(at.y() - box.center().y()) <= kWireSlack;
            }
            return (side && inY) || (topOrBottom && inX);
        };
        QStringList found;
        for (QQuickItem *wire : std::as_const(wires)) {
            for (const char *const end : {"1", "2"}) {
                const QPointF at
                    = shop->mapToScene(QPointF(wire->property(QByteArray("x") + end).toDouble(),
                        wire->property(QByteArray("y") + end).toDouble()));
                bool joined = false;
                bool onLane = false;
                for (QQuickItem *lane : std::as_const(lanes)) {
                    const QRectF box = sceneRect(lane);
                    if (box.adjusted(-kWireSlack, -kWireSlack, kWireSlack, kWireSlack)
                            .contains(at)) {
                        onLane = true;
                        joined = joined || onEdge(box, at, true);
                    }
                }
                for (QQuickItem *box : std::as_const(ends)) {
                    joined = joined
                        || (!onLane && !WindowFixture::isA(box, "ShopText")
                            && onEdge(sceneRect(box), at, false));
                }
                if (!joined) {
                    found.append(QStringLiteral("the end %1 of a wire from %2,%3 to %4,%5 at %6,%7")
                                     .arg(QLatin1String(end))
                                     .arg(wire->property("x1").toDouble())
                                     .arg(wire->property("y1").toDouble())
                                     .arg(wire->property("x2").toDouble())
                                     .arg(wire->property("y2").toDouble())
                                     .arg(at.x())
                                     .arg(at.y()));
                }
            }
        }
        return found;
    }

    // The diagram as scaled, against the room it has.
    double fill() const
    {
        QQuickItem *shop = diagram();
        QQuickItem *stage = shop->parentItem();
        const double drawnWidth = shop->width() * shop->scale();
        const double drawnHeight = shop->height() * shop->scale();
        return qMax(drawnWidth / stage->width(), drawnHeight / stage->height());
    }

    void resize(QSize size)
    {
        m_shop.window->resize(size);
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.window->size(), size, kOpenMs);
        // Let the layouts and the polish settle before anything is measured.
        QTest::qWait(100);
        QVERIFY(QTest::qWaitForWindowExposed(m_shop.window));
    }

    // Each check may take a moment to come true: a resize, the controls or a step of the scene
    // lays the window out again over a few frames. What stays wrong fails.
    void checkView(const QString &where)
    {
        const auto failure = [&where](const QString &what, const QStringList &found) {
            return where + QStringLiteral(": ") + what + found.join(QStringLiteral("; "));
        };
        const QList<QQuickItem *> drawn = boxes();
        QVERIFY2(std::count_if(drawn.cbegin(), drawn.cend(),
                     [](QQuickItem *box) { return WindowFixture::isA(box, "TopicBox"); })
                    >= 2
                && std::count_if(drawn.cbegin(), drawn.cend(),
                       [](QQuickItem *box) { return WindowFixture::isA(box, "MemberCard"); })
                    >= 2,
            qPrintable(where + QStringLiteral(": the diagram's topics and cards are not found")));
        QTRY_VERIFY2_WITH_TIMEOUT(elidedTexts().isEmpty(),
            qPrintable(failure(QStringLiteral("elided: "), elidedTexts())), kLayoutMs);
        QTRY_VERIFY2_WITH_TIMEOUT(overlaps().isEmpty(),
            qPrintable(failure(QStringLiteral("overlapping: "), overlaps())), kLayoutMs);
        QTRY_VERIFY2_WITH_TIMEOUT(
            marksOverBoxes().isEmpty(), qPrintable(failure({}, marksOverBoxes())), kLayoutMs);
        QTRY_VERIFY2_WITH_TIMEOUT(topicsWithoutRecords().isEmpty(),
            qPrintable(failure({}, topicsWithoutRecords())), kLayoutMs);
        QTRY_VERIFY2_WITH_TIMEOUT(
            looseWires().isEmpty(), qPrintable(failure({}, looseWires())), kLayoutMs);
        QTRY_VERIFY2_WITH_TIMEOUT(fill() >= kMinFill,
            qPrintable(where
                + QStringLiteral(": the diagram fills only %1 % of the stage")
                      .arg(fill() * 100, 0, 'f', 0)),
            kLayoutMs);
    }

    void checkDrawer(const QString &where)
    {
        QObject *controls = drawer();
        QVERIFY(controls);
        QTest::keyClick(m_shop.window, Qt::Key_C);
        QTRY_VERIFY_WITH_TIMEOUT(controls->property("opened").toBool(), kOpenMs);
        QTRY_VERIFY2_WITH_TIMEOUT(elidedTexts().isEmpty(),
            qPrintable(where + QStringLiteral(", controls open: elided: ")
                + elidedTexts().join(QStringLiteral("; "))),
            kLayoutMs);
        QTest::keyClick(m_shop.window, Qt::Key_C);
        QTRY_COMPARE_WITH_TIMEOUT(controls->property("visible").toBool(), false, kOpenMs);
    }

    void openScene(int scene)
    {
        m_shop.controller->goToScene(scene);
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.controller->scene(), scene, kOpenMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.controller->status(), QStringLiteral("running"), kOpenMs);
        QTest::qWait(kSettleMs);
    }

    static QList<QSize> sizes() { return {{1280, 720}, {1920, 1080}, {3840, 2160}}; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_shop.open(QStringLiteral("talk"), 0));
        m_shop.view->setPresenter(true);
        // The controls open and close at once: the test checks where they land, not the slide.
        QObject *controls = drawer();
        QVERIFY(controls);
        controls->setProperty("enter", QVariant::fromValue<QObject *>(nullptr));
        controls->setProperty("exit", QVariant::fromValue<QObject *>(nullptr));
        QTRY_COMPARE_WITH_TIMEOUT(m_shop.controller->status(), QStringLiteral("running"), kOpenMs);
    }

    void cleanupTestCase() { m_shop.close(); }

    void everySceneFillsTheScreenWithNothingCutOrCovered()
    {
        const int scenes = m_shop.controller->scenes()->count();
        QVERIFY(scenes > 1);
        for (int scene = 0; scene < scenes; ++scene) {
            openScene(scene);
            for (const QSize size : sizes()) {
                resize(size);
                const QString where = QStringLiteral("scene %1 at %2×%3")
                                          .arg(scene + 1)
                                          .arg(size.width())
                                          .arg(size.height());
                checkView(where);
                if (QTest::currentTestFailed()) {
                    return;
                }
                checkDrawer(where);
                if (QTest::currentTestFailed()) {
                    return;
                }
            }
        }
    }

    void wiresFollowTheirEndsWhateverWasPressed()
    {
        resize({1920, 1080});
        const QList<std::pair<Qt::Key, QString>> keys {
            {Qt::Key_P, QStringLiteral("P")},
            {Qt::Key_P, QStringLiteral("P again")},
            {Qt::Key_D, QStringLiteral("D")},
            {Qt::Key_D, QStringLiteral("D again")},
            {Qt::Key_Plus, QStringLiteral("+")},
            {Qt::Key_Minus, QStringLiteral("−")},
        };
        for (const auto &[key, name] : keys) {
            QTest::keyClick(m_shop.window, key);
            QTRY_VERIFY2_WITH_TIMEOUT(looseWires().isEmpty(),
                qPrintable(QStringLiteral("after %1: ").arg(name)
                    + looseWires().join(QStringLiteral("; "))),
                kLayoutMs);
        }
        QVERIFY(m_shop.view->presenter());
        QTest::keyClick(m_shop.window, Qt::Key_C);
        QTRY_VERIFY_WITH_TIMEOUT(drawer()->property("opened").toBool(), kOpenMs);
        QTRY_VERIFY2_WITH_TIMEOUT(looseWires().isEmpty(),
            qPrintable(QStringLiteral("with the controls out: ")
                + looseWires().join(QStringLiteral("; "))),
            kLayoutMs);
        QTest::keyClick(m_shop.window, Qt::Key_C);
        QTRY_COMPARE_WITH_TIMEOUT(drawer()->property("visible").toBool(), false, kOpenMs);
        resize({1280, 720});
        QTRY_VERIFY2_WITH_TIMEOUT(looseWires().isEmpty(),
            qPrintable(
                QStringLiteral("after a resize: ") + looseWires().join(QStringLiteral("; "))),
            kLayoutMs);
    }

private:
    WindowFixture m_shop;
};

QTEST_MAIN(TestGuiPresenter)
#include "tst_guipresenter.moc"
