#pragma once

#include <QLoggingCategory>

class QQuickWindow;

Q_DECLARE_LOGGING_CATEGORY(lcStartup)

namespace chippy::gui {

class ShopController;

// Says on the "chippy.startup" category (silent unless enabled, as bench_startup does) when the
// window first draws, with the scene it shows, and when the shop serves its first order.
void reportStartup(QQuickWindow *window, ShopController *controller);

} // namespace chippy::gui
