#pragma once

#include "gui_options.h"
#include "shop/shop_config.h"

#include <memory>

class QApplication;
class QCoreApplication;

namespace chippy::gui {

// Exit statuses of the window.
static constexpr int kGuiOk = 0;
static constexpr int kGuiQmlFailed = 1;
static constexpr int kGuiCouldNotStart = 2;

// The shop's settings under the window, before the scene's: its threads give way to drawing.
shop::ShopConfig windowShopConfig();

// A QApplication for the window (Qt Charts draws through widgets), or a QCoreApplication when
// the command line asks for no window (--headless, --help, --version, --list-scenarios).
// Also tunes the allocator for a process of many client threads.
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv);

// Opens the window on the scene the options name and runs until it closes. With a
// screenshot path, saves a grab of the window after the given time and returns; a QML
// warning or a failed load makes it return non-zero, with the reason on standard error.
int runGui(QApplication &app, const GuiOptions &options);

} // namespace chippy::gui
