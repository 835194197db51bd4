#include "run_gui.h"

#include "embedded_kafka.h"
#include "password_keyring.h"
#include "render_backend.h"
#include "shop_controller.h"
#include "startup_report.h"
#include "view_memory.h"
#include "view_settings.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlError>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QSettings>
#include <QTextStream>
#include <QTimer>
#include <QtQml/qqmlextensionplugin.h>

#include <cstring>

Q_IMPORT_QML_PLUGIN(ChippyPlugin)

namespace chippy::gui {

namespace {

constexpr const char *kMainQml = "qrc:/qt/qml/Chippy/Main.qml";
constexpr const char *kImportPath = "qrc:/qt/qml";
// Shop threads give way to drawing: at full speed the window stays smooth, the shop a little
// slower. Not further: on a busy machine a shop thread that lower waits long for a CPU while
// holding a lock the window may need (the allocator's), and the window waits with it.
constexpr int kShopNiceness = 5;

bool wantsWindow(int argc, char **argv)
{
    static const char *const noWindow[]
        = {"--headless", "--help", "-h", "--help-all", "--version", "-v", "--list-scenarios"};
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : noWindow) {
            if (std::strcmp(argv[i], flag) == 0) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

shop::ShopConfig windowShopConfig()
{
    shop::ShopConfig config;
    config.workerNiceness = kShopNiceness;
    return config;
}

std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv)
{
    if (!wantsWindow(argc, argv)) {
        return std::make_unique<QCoreApplication>(argc, argv);
    }
    // Screenshots must not depend on a GPU: the software renderer draws the same everywhere.
    if (qEnvironmentVariable("QT_QPA_PLATFORM") == QLatin1String("offscreen")) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    }
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0) {
            QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        }
    }
    QQuickStyle::setStyle(QStringLiteral("Basic"));
    auto app = std::make_unique<QApplication>(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Chippy"));
    chooseRenderBackend();
    return app;
}

int runGui(QApplication &app, const GuiOptions &options)
{
    QTextStream err(stderr);
    // The window shows what the embedded broker does; its log only needs to say what goes wrong.
    app::EmbeddedKafka::logProblemsOnly();
    // A run that only takes a picture neither reads nor changes what was remembered.
    std::unique_ptr<QSettings> remembered;
    if (options.screenshotPath.isEmpty()) {
        remembered = std::make_unique<QSettings>();
    }
    ViewSettings view(nullptr);
    if (remembered) {
        recallView(*remembered, view);
        rememberViewChanges(*remembered, view);
    }
    view.setPresenter(view.presenter() || options.presenter);
    view.setDark(view.dark() || options.dark);

    shop::ShopConfig base = windowShopConfig();
    base.topics.prefix = options.topicPrefix;
    base.analytics = options.analytics;
    base.ledger = options.ledger;
    base.cabinet = options.cabinet;
    ShopController controller(base, nullptr);
    PasswordKeyring keyring;
    std::unique_ptr<ConnectionMemory> memory;
    if (remembered) {
        memory = std::make_unique<ConnectionMemory>(remembered.get(), &keyring);
        memory->recall(*controller.cluster(), *controller.stores());
        controller.setMemory(memory.get());
    }
    if (options.analytics.usesOpenSearch() || !options.ledger.dsn.isEmpty()
        || options.cabinet.usesRedis()) {
        controller.stores()->load(base);
    }
    if (!options.profilePath.isEmpty()) {
        const QString error = controller.cluster()->importProperties(options.profilePath);
        if (!error.isEmpty()) {
            err << "chippy: " << error << '\n';
            return kGuiCouldNotStart;
        }
    } else if (!options.bootstrap.isEmpty()) {
        controller.cluster()->setEmbedded(false);
        controller.cluster()->setBootstrap(options.bootstrap);
    }

    QString error;
    if (!controller.start(options.scenario, options.step, &error)) {
        err << "chippy: " << error << '\n';
        return kGuiCouldNotStart;
    }

    QQmlApplicationEngine engine;
    engine.addImportPath(QString::fromLatin1(kImportPath));
    QList<QQmlError> warnings;
    QObject::connect(&engine, &QQmlEngine::warnings, &engine,
        [&warnings](const QList<QQmlError> &more) { warnings.append(more); });
    engine.load(QUrl(QString::fromLatin1(kMainQml)));
    auto *window = engine.rootObjects().isEmpty()
        ? nullptr
        : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    if (!window) {
        err << "chippy: the window could not be loaded\n";
        for (const QQmlError &w : std::as_const(warnings)) {
            err << "  " << w.toString() << '\n';
        }
        return kGuiQmlFailed;
    }
    if (options.size.isValid()) {
        window->resize(options.size);
    }
    reportStartup(window, &controller);
    if (options.fullScreen) {
        window->showFullScreen();
    } else {
        window->show();
    }

    if (options.screenshotPath.isEmpty()) {
        return app.exec();
    }
    int status = kGuiOk;
    QTimer::singleShot(static_cast<int>(options.afterS * 1000), window, [&] {
        const QImage image = window->grabWindow();
        const QString path = QFileInfo(options.screenshotPath).absoluteFilePath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (image.isNull() || !image.save(path, "PNG")) {
            err << "chippy: could not save the screenshot to " << path << '\n';
            status = kGuiCouldNotStart;
        }
        if (!warnings.isEmpty()) {
            err << "chippy: the window reported " << warnings.size() << " QML warning(s):\n";
            for (const QQmlError &w : std::as_const(warnings)) {
                err << "  " << w.toString() << '\n';
            }
            status = kGuiQmlFailed;
        }
        if (controller.status() == QLatin1String("failed")) {
            err << "chippy: the scene could not start: " << controller.statusText() << '\n';
            status = kGuiCouldNotStart;
        }
        err.flush();
        app.exit(status);
    });
    return app.exec();
}

} // namespace chippy::gui
