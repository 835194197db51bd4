#include "startup_report.h"

#include "shop_controller.h"

#include <QQuickWindow>

#include <memory>
#include <utility>

Q_LOGGING_CATEGORY(lcStartup, "chippy.startup", QtWarningMsg)

namespace chippy::gui {

void reportStartup(QQuickWindow *window, ShopController *controller)
{
    if (!lcStartup().isInfoEnabled()) {
        return;
    }
    // Each says so once; a connection cannot be cut from inside its own slot.
    auto drawn = std::make_shared<bool>(false);
    QObject::connect(
        window, &QQuickWindow::frameSwapped, controller,
        [drawn, controller] {
            if (std::exchange(*drawn, true)) {
                return;
            }
            qCInfo(lcStartup).noquote()
                << "the window shows" << controller->sceneTitle() << "on"
                << (controller->embedded() ? "the embedded broker" : "a cluster");
        },
        Qt::QueuedConnection);
    auto served = std::make_shared<bool>(false);
    QObject::connect(controller, &ShopController::countsChanged, controller, [served, controller] {
        if (controller->served() > 0 && !std::exchange(*served, true)) {
            qCInfo(lcStartup) << "the shop served its first order";
        }
    });
}

} // namespace chippy::gui
