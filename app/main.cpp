#include "headless_options.h"
#include "headless_runner.h"
#include "quit_on_signals.h"
#include "run_gui.h"
#include "shop/scenario/scenario.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    // A QApplication for the window, a QCoreApplication when no window is wanted.
    const std::unique_ptr<QCoreApplication> application = chippy::gui::makeApplication(argc, argv);
    QCoreApplication &app = *application;
    chippy::app::quitOnSignals(app);
    QCoreApplication::setOrganizationName(QStringLiteral("chippy"));
    QCoreApplication::setApplicationName(QStringLiteral("chippy"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHIPPY_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Apache Kafka taught by a fish-and-chip shop."));
    parser.addHelpOption();
    parser.addVersionOption();
    chippy::app::HeadlessOptions::addTo(parser);
    chippy::gui::GuiOptions::addTo(parser);
    parser.process(app);

    QTextStream err(stderr);
    if (parser.isSet(QStringLiteral("list-scenarios"))) {
        QTextStream out(stdout);
        for (const QString &name : chippy::shop::Scenario::builtIn()) {
            QString ignored;
            const auto scenario = chippy::shop::Scenario::load(name, &ignored);
            const qsizetype steps = scenario ? scenario->steps.size() : 0;
            out << name.leftJustified(12) << ' '
                << (scenario ? QStringLiteral("%1 (%2 %3)")
                                   .arg(scenario->title)
                                   .arg(steps)
                                   .arg(steps == 1 ? "step" : "steps")
                             : QStringLiteral("(cannot be read)"))
                << '\n';
        }
        return 0;
    }
    if (!parser.isSet(QStringLiteral("headless"))) {
        QString guiError;
        const auto gui = chippy::gui::GuiOptions::from(parser, &guiError);
        if (!gui) {
            err << "chippy: " << guiError << '\n';
            return chippy::gui::kGuiCouldNotStart;
        }
        return chippy::gui::runGui(static_cast<QApplication &>(app), *gui);
    }
    QString error;
    const auto options = chippy::app::HeadlessOptions::from(parser, &error);
    if (!options) {
        err << "chippy: " << error << '\n';
        return chippy::app::HeadlessRunner::kCouldNotRun;
    }
    chippy::app::HeadlessRunner runner(*options);
    QObject::connect(&runner, &chippy::app::HeadlessRunner::done, &app, &QCoreApplication::exit,
        Qt::QueuedConnection);
    runner.start();
    return app.exec();
}
