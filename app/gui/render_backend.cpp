#include "render_backend.h"

#include <QByteArray>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QQuickWindow>

namespace chippy::gui {

namespace {

bool openGlRunsOnCpu()
{
    QOpenGLContext context;
    if (!context.create()) {
        return false;
    }
    QOffscreenSurface surface;
    surface.setFormat(context.format());
    surface.create();
    if (!context.makeCurrent(&surface)) {
        return false;
    }
    const auto *name
        = reinterpret_cast<const char *>(context.functions()->glGetString(GL_RENDERER));
    const QByteArray renderer = QByteArray(name).toLower();
    context.doneCurrent();
    return renderer.contains("llvmpipe") || renderer.contains("softpipe")
        || renderer.contains("swiftshader") || renderer.contains("software rasterizer");
}

} // namespace

void chooseRenderBackend()
{
    if (qEnvironmentVariableIsSet("QT_QUICK_BACKEND")
        || QQuickWindow::graphicsApi() == QSGRendererInterface::Software) {
        return;
    }
    if (openGlRunsOnCpu()) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    }
}

} // namespace chippy::gui
