#include "view_memory.h"

#include "view_settings.h"

#include <QSettings>

namespace chippy::gui {

namespace {

const auto kPresenter = QStringLiteral("view/presenter");
const auto kDark = QStringLiteral("view/dark");
const auto kZoom = QStringLiteral("view/zoom");

} // namespace

void recallView(QSettings &settings, ViewSettings &view)
{
    view.setPresenter(settings.value(kPresenter, view.presenter()).toBool());
    view.setDark(settings.value(kDark, view.dark()).toBool());
    view.setZoom(settings.value(kZoom, view.zoom()).toDouble());
}

void rememberViewChanges(QSettings &settings, ViewSettings &view)
{
    const auto save = [&settings, &view] {
        settings.setValue(kPresenter, view.presenter());
        settings.setValue(kDark, view.dark());
        settings.setValue(kZoom, view.zoom());
    };
    QObject::connect(&view, &ViewSettings::presenterChanged, &view, save);
    QObject::connect(&view, &ViewSettings::darkChanged, &view, save);
    QObject::connect(&view, &ViewSettings::zoomChanged, &view, save);
}

} // namespace chippy::gui
