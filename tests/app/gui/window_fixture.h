#pragma once

#include "shop_controller.h"
#include "view_settings.h"

#include <QFile>
#include <QQmlApplicationEngine>
#include <QQmlError>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

namespace chippy::gui::test {

// The whole window, offscreen on the embedded broker, as a speaker sees it (at 1920×1080
// unless open() is told another size).
struct WindowFixture
{
    std::unique_ptr<ViewSettings> view;
    std::unique_ptr<ShopController> controller;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow *window = nullptr;
    // What QML warned of since the window opened.
    QList<QQmlError> warnings;

    // The view settings and a controller on config, not started yet, for a test that watches
    // the controller from its first event; open() starts it.
    ShopController &prepare(const shop::ShopConfig &config = {})
    {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        // The app's own style: another draws taller or shorter controls.
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        view = std::make_unique<ViewSettings>(nullptr);
        controller = std::make_unique<ShopController>(config, nullptr);
        return *controller;
    }

    // Loads Main.qml on a scenario's step (a name or a scenario file); false, with a failed
    // QVERIFY, when it cannot. An invalid size leaves the window as Main.qml sizes it.
    bool open(const QString &scenario, int step, QSize size = {1920, 1080})
    {
        if (!controller) {
            prepare();
        }
        QString error;
        if (!controller->start(scenario, step, &error)) {
            qWarning().noquote() << error;
            return false;
        }
        warnings.clear();
        engine = std::make_unique<QQmlApplicationEngine>();
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        QObject::connect(engine.get(), &QQmlEngine::warnings, engine.get(),
            [this](const QList<QQmlError> &more) { warnings.append(more); });
        engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Chippy/Main.qml")));
        if (engine->rootObjects().size() != 1) {
            return false;
        }
        window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
        if (!window) {
            return false;
        }
        if (size.isValid()) {
            window->resize(size);
        }
        window->show();
        window->requestActivate();
        return QTest::qWaitForWindowExposed(window);
    }

    void close()
    {
        engine.reset();
        controller.reset();
        view.reset();
    }

    // Logs each warning QML gave since the window opened; true when there was none.
    bool quiet() const
    {
        for (const QQmlError &warning : warnings) {
            qWarning().noquote() << warning.toString();
        }
        return warnings.isEmpty();
    }

    QQuickItem *find(const std::function<bool(QQuickItem *)> &wanted) const
    {
        return findIn(window->contentItem(), wanted);
    }

    // The item of that objectName, looked for along the visual tree: Repeater delegates are
    // no QObject children of anything.
    QQuickItem *named(const QString &name) const
    {
        return find([&name](QQuickItem *item) { return item->objectName() == name; });
    }

    static bool isA(const QQuickItem *item, const char *type)
    {
        return QLatin1String(item->metaObject()->className()).startsWith(QLatin1String(type));
    }

    // What the shop diagram draws as a box: its cards, topics, the cabinet and its headings.
    static bool isDiagramBox(const QQuickItem *item)
    {
        return isA(item, "TopicBox") || isA(item, "MemberCard") || isA(item, "TillCard")
            || isA(item, "BackOfficeCard") || isA(item, "HotCabinet")
            || isA(item, "DeadLetterTopic") || isA(item, "ShopText");
    }

    // Every visible item from this one down that is wanted, in the order they are drawn.
    static void collect(QQuickItem *from, const std::function<bool(QQuickItem *)> &wanted,
        QList<QQuickItem *> *found)
    {
        if (!from->isVisible()) {
            return;
        }
        if (wanted(from)) {
            found->append(from);
        }
        const QList<QQuickItem *> children = from->childItems();
        for (QQuickItem *child : children) {
            collect(child, wanted, found);
        }
    }

    static QQuickItem *findIn(QQuickItem *from, const std::function<bool(QQuickItem *)> &wanted)
    {
        if (wanted(from)) {
            return from;
        }
        const QList<QQuickItem *> children = from->childItems();
        for (QQuickItem *child : children) {
            if (QQuickItem *found = findIn(child, wanted)) {
                return found;
            }
        }
        return nullptr;
    }

    static QPoint centreOf(QQuickItem *item)
    {
        return item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
    }
};

// Writes a scenario's JSON into dir as name, for open(); its path, or empty when it cannot.
inline QString writeScenario(const QTemporaryDir &dir, const QString &name, const QByteArray &json)
{
    if (!dir.isValid()) {
        return {};
    }
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size()) {
        return {};
    }
    return file.fileName();
}

// Stops the tills and waits until every order they placed is served; false, with a failed
// QVERIFY2 giving the counts, when that takes longer than timeoutMs.
inline bool serveEveryOrder(ShopController &shop, int timeoutMs)
{
    shop.stopTills();
    const auto wait = [&shop, timeoutMs] {
        QTRY_VERIFY2_WITH_TIMEOUT(shop.placed() > 0 && shop.served() == shop.placed(),
            qPrintable(QStringLiteral("%1 placed, %2 served, %3 waiting")
                           .arg(shop.placed())
                           .arg(shop.served())
                           .arg(shop.waiting())),
            timeoutMs);
    };
    wait();
    return !QTest::currentTestFailed();
}

// How many of the preparers are in that state ("working", "idle", "gone").
inline int preparersIn(const ShopController &shop, const QString &state)
{
    int count = 0;
    for (int row = 0; row < shop.preparers()->rowCount(); ++row) {
        count += shop.preparers()->get(row).value("state") == state;
    }
    return count;
}

// Whether the shop gave a notice of that kind whose text has those words.
inline bool hasNotice(const ShopController &shop, const QString &kind, const QString &words)
{
    for (int row = 0; row < shop.notices()->rowCount(); ++row) {
        const QVariantMap n = shop.notices()->get(row);
        if (n.value("kind") == kind && n.value("text").toString().contains(words)) {
            return true;
        }
    }
    return false;
}

} // namespace chippy::gui::test
