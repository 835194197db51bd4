#include "gui_options.h"

#include "back_office_options.h"
#include "cabinet_options.h"

#include <QCommandLineParser>
#include <QRegularExpression>

namespace chippy::gui {

void GuiOptions::addTo(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("step"), QStringLiteral("Open the scenario at this step (from 1)."),
            QStringLiteral("n")},
        {QStringLiteral("presenter"),
            QStringLiteral("Start in presenter mode: high contrast, large text.")},
        {QStringLiteral("dark"), QStringLiteral("Use the dark theme.")},
        {QStringLiteral("full-screen"), QStringLiteral("Start full screen.")},
        {QStringLiteral("size"), QStringLiteral("Window size, as WIDTHxHEIGHT."),
            QStringLiteral("size")},
        {QStringLiteral("screenshot"),
            QStringLiteral("Save a PNG of the window to this file and quit."),
            QStringLiteral("file")},
        {QStringLiteral("after"), QStringLiteral("Seconds to run before the screenshot is taken."),
            QStringLiteral("seconds")},
    });
}

std::optional<GuiOptions> GuiOptions::from(const QCommandLineParser &parser, QString *error)
{
    GuiOptions o;
    if (parser.isSet(QStringLiteral("scenario"))) {
        o.scenario = parser.value(QStringLiteral("scenario"));
    }
    if (parser.isSet(QStringLiteral("step"))) {
        bool ok = false;
        o.step = parser.value(QStringLiteral("step")).toInt(&ok) - 1;
        if (!ok || o.step < 0) {
            *error = QStringLiteral("--step needs a step number from 1");
            return std::nullopt;
        }
    }
    o.presenter = parser.isSet(QStringLiteral("presenter"));
    o.dark = parser.isSet(QStringLiteral("dark"));
    o.fullScreen = parser.isSet(QStringLiteral("full-screen"));
    if (parser.isSet(QStringLiteral("size"))) {
        static const QRegularExpression re(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"));
        const QRegularExpressionMatch m = re.match(parser.value(QStringLiteral("size")));
        if (!m.hasMatch()) {
            *error = QStringLiteral("--size needs WIDTHxHEIGHT, such as 1920x1080");
            return std::nullopt;
        }
        o.size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
    }
    o.screenshotPath = parser.value(QStringLiteral("screenshot"));
    if (parser.isSet(QStringLiteral("after"))) {
        bool ok = false;
        o.afterS = parser.value(QStringLiteral("after")).toDouble(&ok);
        if (!ok || o.afterS < 0) {
            *error = QStringLiteral("--after needs a number of seconds");
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("after")) && o.screenshotPath.isEmpty()) {
        *error = QStringLiteral("--after goes with --screenshot");
        return std::nullopt;
    }
    o.profilePath = parser.value(QStringLiteral("profile"));
    o.bootstrap = parser.value(QStringLiteral("bootstrap"));
    o.topicPrefix = parser.value(QStringLiteral("topic-prefix"));
    const auto stores = app::BackOfficeOptions::from(parser, error);
    if (!stores) {
        return std::nullopt;
    }
    o.analytics = stores->analytics;
    o.ledger = stores->ledger;
    const auto cabinet = app::CabinetOptions::from(parser, error);
    if (!cabinet) {
        return std::nullopt;
    }
    o.cabinet = *cabinet;
    if (!o.profilePath.isEmpty() && !o.bootstrap.isEmpty()) {
        *error = QStringLiteral("use either --profile or --bootstrap, not both");
        return std::nullopt;
    }
    return o;
}

} // namespace chippy::gui
