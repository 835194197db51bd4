#include "cabinet_options.h"

#include <QCommandLineParser>
#include <QUrl>

namespace chippy::app {

void CabinetOptions::addTo(QCommandLineParser &parser)
{
    parser.addOption({QStringLiteral("cabinet"),
        QStringLiteral("Keep model 6's hot cabinet in this Redis (password in "
                       "CHIPPY_CABINET_PASSWORD)."),
        QStringLiteral("redis://host:port")});
}

std::optional<cabinet::CabinetSettings> CabinetOptions::from(
    const QCommandLineParser &parser, QString *error)
{
    cabinet::CabinetSettings settings;
    if (!parser.isSet(QStringLiteral("cabinet"))) {
        return settings;
    }
    const QUrl url(parser.value(QStringLiteral("cabinet")));
    if (url.scheme() != QLatin1String("redis") || url.host().isEmpty()) {
        *error = QStringLiteral("--cabinet needs a redis://host:port address");
        return std::nullopt;
    }
    if (!url.password().isEmpty()) {
        *error = QStringLiteral("--cabinet takes no password: put it in CHIPPY_CABINET_PASSWORD");
        return std::nullopt;
    }
    settings.url = url.toString();
    settings.password = qEnvironmentVariable("CHIPPY_CABINET_PASSWORD");
    return settings;
}

} // namespace chippy::app
