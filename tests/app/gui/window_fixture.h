#pragma once

#include "shop_controller.h"
#include "view_settings.h"

#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>

#include <functional>
#include <memory>

namespace chippy::gui::test {

// The whole window, offscreen on the embedded broker, as a speaker sees it at 1920×1080.
struct WindowFixture
{
    std::unique_ptr<ViewSettings> view;
    std::unique_ptr<ShopController> controller;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow *window = nullptr;

    // Loads Main.qml on a scenario's step; false, with a failed QVERIFY, when it cannot.
    bool open(const QString &scenario, int step, QSize size = {1920, 1080})
    {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        view = std::make_unique<ViewSettings>(nullptr);
        controller = std::make_unique<ShopController>(shop::ShopConfig {}, nullptr);
        QString error;
        if (!controller->start(scenario, step, &error)) {
            qWarning().noquote() << error;
            return false;
        }
        engine = std::make_unique<QQmlApplicationEngine>();
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Chippy/Main.qml")));
        if (engine->rootObjects().size() != 1) {
            return false;
        }
        window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
        if (!window) {
            return false;
        }
        window->resize(size);
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

    QQuickItem *find(const std::function<bool(QQuickItem *)> &wanted) const
    {
        return findIn(window->contentItem(), wanted);
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

} // namespace chippy::gui::test
