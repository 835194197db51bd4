#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace chippy::gui {

// How the window looks: presenter or normal, light or dark, zoom. The Theme singleton in QML
// reads these, so switching presenter mode is one property.
class ViewSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON

    Q_PROPERTY(bool presenter READ presenter WRITE setPresenter NOTIFY presenterChanged)
    Q_PROPERTY(bool dark READ dark WRITE setDark NOTIFY darkChanged)
    Q_PROPERTY(double zoom READ zoom WRITE setZoom NOTIFY zoomChanged)
    Q_PROPERTY(bool keysShown READ keysShown WRITE setKeysShown NOTIFY keysShownChanged)

public:
    static constexpr double kMinZoom = 0.5;
    static constexpr double kMaxZoom = 2.0;
    static constexpr double kZoomStep = 0.1;

    // Not default-constructible, so that QML takes the instance create() returns.
    explicit ViewSettings(QObject *parent);
    ~ViewSettings() override;

    // The instance main() built, handed to the QML engine.
    static ViewSettings *create(QQmlEngine *, QJSEngine *);
    static ViewSettings *instance();

    bool presenter() const { return m_presenter; }
    void setPresenter(bool on);
    bool dark() const { return m_dark; }
    void setDark(bool on);
    double zoom() const { return m_zoom; }
    void setZoom(double zoom);
    bool keysShown() const { return m_keysShown; }
    void setKeysShown(bool shown);

    Q_INVOKABLE void zoomIn() { setZoom(m_zoom + kZoomStep); }
    Q_INVOKABLE void zoomOut() { setZoom(m_zoom - kZoomStep); }

signals:
    void presenterChanged();
    void darkChanged();
    void zoomChanged();
    void keysShownChanged();

private:
    bool m_presenter = false;
    bool m_dark = false;
    double m_zoom = 1.0;
    bool m_keysShown = false;
};

} // namespace chippy::gui
