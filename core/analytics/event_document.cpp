#include "analytics/analytics_store.h"

#include <array>

namespace chippy::analytics {

namespace {

using Stage = EventDocument::Stage;

struct StageName
{
    Stage stage;
    const char *name;
};

constexpr std::array kStageNames {StageName {Stage::Placed, "Placed"},
    StageName {Stage::ToCook, "ToCook"}, StageName {Stage::Cooked, "Cooked"},
    StageName {Stage::Ready, "Ready"}, StageName {Stage::Waste, "Waste"}};

} // namespace

QString EventDocument::id() const
{
    return QStringLiteral("%1-%2-%3").arg(topic).arg(partition).arg(offset);
}

QString EventDocument::stageName(Stage stage)
{
    for (const auto &entry : kStageNames) {
        if (entry.stage == stage) {
            return QString::fromLatin1(entry.name);
        }
    }
    return {};
}

std::optional<EventDocument::Stage> EventDocument::stageFromName(const QString &name)
{
    for (const auto &entry : kStageNames) {
        if (name == QLatin1String(entry.name)) {
            return entry.stage;
        }
    }
    return std::nullopt;
}

QMap<QString, int> EventDocument::portionsPerItem() const
{
    QMap<QString, int> portions;
    for (const auto &item : items) {
        ++portions[item];
    }
    return portions;
}

} // namespace chippy::analytics
