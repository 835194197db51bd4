#include "shop_controller.h"
#include "view_settings.h"

#include <QApplication>
#include <QQmlEngine>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <atomic>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

namespace {

std::atomic<int> s_qmlWarnings {0};
QtMessageHandler s_previous = nullptr;

// A QML warning fails the run: it is counted here and turned into a non-zero exit.
void failOnQmlWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const bool fromQml
        = QLatin1String(context.category ? context.category : "").startsWith(QLatin1String("qml"))
        || QLatin1String(context.category ? context.category : "") == QLatin1String("js")
        || message.contains(QLatin1String(".qml:"));
    if ((type == QtWarningMsg || type == QtCriticalMsg) && fromQml) {
        ++s_qmlWarnings;
        std::fprintf(stderr, "QML WARNING (fails the test run): %s\n", qPrintable(message));
    }
    s_previous(type, context, message);
}

class Setup : public QObject
{
    Q_OBJECT

public slots:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
    }
};

} // namespace

// Qt Charts draws through widgets, so the Qt Quick tests run in a QApplication.
int main(int argc, char **argv)
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QApplication app(argc, argv);
    s_previous = qInstallMessageHandler(failOnQmlWarnings);
    chippy::gui::ViewSettings view(nullptr);
    chippy::gui::ShopController controller(chippy::shop::ShopConfig {}, nullptr);
    Setup setup;
    const int failed
        = quick_test_main_with_setup(argc, argv, "chippy_qml", CHIPPY_QML_TEST_DIR, &setup);
    return failed != 0 ? failed : (s_qmlWarnings > 0 ? 1 : 0);
}

#include "main.moc"
