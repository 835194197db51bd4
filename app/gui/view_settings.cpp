#include "view_settings.h"

#include <QJSEngine>

#include <algorithm>
#include <cmath>

namespace chippy::gui {

namespace {
ViewSettings *s_instance = nullptr;
}

ViewSettings::ViewSettings(QObject *parent)
    : QObject(parent)
{
    s_instance = this;
}

ViewSettings::~ViewSettings()
{
    if (s_instance == this) {
        s_instance = nullptr;
    }
}

ViewSettings *ViewSettings::create(QQmlEngine *, QJSEngine *)
{
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

ViewSettings *ViewSettings::instance()
{
    return s_instance;
}

void ViewSettings::setPresenter(bool on)
{
    if (on != m_presenter) {
        m_presenter = on;
        emit presenterChanged();
    }
}

void ViewSettings::setDark(bool on)
{
    if (on != m_dark) {
        m_dark = on;
        emit darkChanged();
    }
}

void ViewSettings::setZoom(double zoom)
{
    zoom = std::clamp(std::round(zoom * 10) / 10, kMinZoom, kMaxZoom);
    if (zoom != m_zoom) {
        m_zoom = zoom;
        emit zoomChanged();
    }
}

void ViewSettings::setKeysShown(bool shown)
{
    if (shown != m_keysShown) {
        m_keysShown = shown;
        emit keysShownChanged();
    }
}

} // namespace chippy::gui
