#include "headless_options.h"
#include "headless_runner.h"
#include "scenario.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("chippy"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CHIPPY_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Apache Kafka taught by a fish-and-chip shop."));
    parser.addHelpOption();
    parser.addVersionOption();
    chippy::app::HeadlessOptions::addTo(parser);
    parser.process(app);

    QTextStream err(stderr);
    if (parser.isSet(QStringLiteral("list-scenarios"))) {
        QTextStream(stdout) << chippy::shop::Scenario::builtIn().join(QLatin1Char('\n')) << '\n';
        return 0;
    }
    if (!parser.isSet(QStringLiteral("headless"))) {
        err << "chippy: this build has no window; run it with --headless (see --help)\n";
        return chippy::app::HeadlessRunner::kCouldNotRun;
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
