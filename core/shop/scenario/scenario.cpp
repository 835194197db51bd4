#include "shop/scenario/scenario.h"

#include "shop/shop.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace chippy::shop {

namespace {

constexpr int kMaxCount = ShopSettings::kMaxParticipants;
constexpr double kMaxStepS = 24 * 3600;

bool readCount(const QJsonObject &o, const char *key, int min, std::optional<int> *out,
    QString *error, int max = kMaxCount)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined()) {
        return true;
    }
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d != static_cast<int>(d) || d < min || d > max) {
        *error = QStringLiteral("\"%1\" must be a whole number from %2 to %3")
                     .arg(key)
                     .arg(min)
                     .arg(max);
        return false;
    }
    *out = static_cast<int>(d);
    return true;
}

// A rate is a number of orders per second or "max".
bool readRate(const QJsonValue &v, std::optional<double> *out, QString *error)
{
    if (v.isUndefined()) {
        return true;
    }
    if (v.toString() == QLatin1String("max")) {
        *out = 0.0;
        return true;
    }
    if (!v.isDouble() || v.toDouble() <= 0) {
        *error = QStringLiteral("\"rate\" must be a positive number of orders a second or \"max\"");
        return false;
    }
    *out = v.toDouble();
    return true;
}

std::optional<ScenarioAction> readAction(const QJsonObject &o, QString *error)
{
    ScenarioAction a;
    a.kind = o.value(QLatin1String("do")).toString();
    a.caption = o.value(QLatin1String("caption")).toString();
    if (!ScenarioAction::kinds().contains(a.kind)) {
        *error = QStringLiteral("unknown action \"%1\"; known: %2")
                     .arg(a.kind, ScenarioAction::kinds().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    const QJsonValue at = o.value(QLatin1String("at_s"));
    if (!at.isDouble() || at.toDouble() < 0) {
        *error = QStringLiteral("action %1 needs \"at_s\", the seconds into its step").arg(a.kind);
        return std::nullopt;
    }
    a.atS = at.toDouble();
    const QJsonValue value = o.contains(QLatin1String("to")) ? o.value(QLatin1String("to"))
                                                             : o.value(QLatin1String("count"));
    if (a.kind == QLatin1String("set-rate") && value.toString() == QLatin1String("max")) {
        a.maxRate = true;
    } else if (!value.isUndefined()) {
        if (!value.isDouble() || value.toDouble() < 0) {
            *error = QStringLiteral("action %1: \"to\"/\"count\" must be a number of at least 0")
                         .arg(a.kind);
            return std::nullopt;
        }
        a.value = value.toDouble();
    } else if (a.kind.startsWith(QLatin1String("set-"))) {
        *error = QStringLiteral("action %1 needs \"to\"").arg(a.kind);
        return std::nullopt;
    } else {
        a.value = 1; // add-partitions, bad-order, ...: one unless told otherwise
    }
    return a;
}

std::optional<ScenarioStep> readStep(const QJsonObject &o, QString *error)
{
    ScenarioStep s;
    s.title = o.value(QLatin1String("title")).toString();
    s.caption = o.value(QLatin1String("caption")).toString();
    const QJsonValue duration = o.value(QLatin1String("duration_s"));
    if (!duration.isDouble() || duration.toDouble() <= 0 || duration.toDouble() > kMaxStepS) {
        *error = QStringLiteral("\"duration_s\" must be a positive number of seconds");
        return std::nullopt;
    }
    s.durationS = duration.toDouble();
    ShopSettings &set = s.settings;
    if (!readCount(o, "model", 1, &set.model, error, ShopSettings::kLastModel)
        || !readCount(o, "tills", 1, &set.tills, error)
        || !readCount(
            o, "order_partitions", 1, &set.orderPartitions, error, ShopSettings::kMaxPartitions)
        || !readCount(o, "preparers", 0, &set.preparers, error)
        || !readCount(o, "cooks", 0, &set.cooks, error)
        || !readCount(o, "counters", 0, &set.counters, error)
        || !readRate(o.value(QLatin1String("rate")), &set.ordersPerSecond, error)) {
        return std::nullopt;
    }
    const QJsonValue cookTime = o.value(QLatin1String("cook_time_ms"));
    if (!cookTime.isUndefined()) {
        if (!cookTime.isDouble() || cookTime.toDouble() < 0) {
            *error = QStringLiteral("\"cook_time_ms\" must be a number of at least 0");
            return std::nullopt;
        }
        set.cookTimeMs = cookTime.toInt();
    }
    const QJsonValue share = o.value(QLatin1String("plaice_share"));
    if (!share.isUndefined()) {
        if (!share.isDouble() || share.toDouble() < 0 || share.toDouble() > 1) {
            *error = QStringLiteral("\"plaice_share\" must be between 0 and 1");
            return std::nullopt;
        }
        set.plaiceShare = share.toDouble();
    }
    for (const QJsonValue &v : o.value(QLatin1String("actions")).toArray()) {
        const std::optional<ScenarioAction> a = readAction(v.toObject(), error);
        if (!a) {
            return std::nullopt;
        }
        s.actions.append(*a);
    }
    std::stable_sort(s.actions.begin(), s.actions.end(),
        [](const ScenarioAction &a, const ScenarioAction &b) { return a.atS < b.atS; });
    return s;
}

} // namespace

const QStringList &ScenarioAction::kinds()
{
    static const QStringList known = {
        QStringLiteral("add-partitions"),
        QStringLiteral("set-partitions"),
        QStringLiteral("add-preparer"),
        QStringLiteral("remove-preparer"),
        QStringLiteral("kill-preparer"),
        QStringLiteral("set-preparers"),
        QStringLiteral("set-tills"),
        QStringLiteral("set-cooks"),
        QStringLiteral("set-counters"),
        QStringLiteral("restart-broker"),
        QStringLiteral("pause"),
        QStringLiteral("resume"),
        QStringLiteral("set-rate"),
        QStringLiteral("set-cook-time"),
        QStringLiteral("set-plaice-share"),
        QStringLiteral("bad-order"),
        QStringLiteral("add-accountant"),
        QStringLiteral("add-statistician"),
        QStringLiteral("add-stockist"),
        QStringLiteral("close-for-the-day"),
    };
    return known;
}

QStringList Scenario::builtIn()
{
    QStringList names;
    for (const QFileInfo &info :
        QDir(QString::fromLatin1(kResourceDir)).entryInfoList({QStringLiteral("*.json")})) {
        names << info.completeBaseName();
    }
    return names;
}

std::optional<Scenario> Scenario::load(const QString &nameOrPath, QString *error)
{
    QString path = nameOrPath;
    if (!QFileInfo::exists(path)) {
        path = QStringLiteral("%1/%2.json").arg(QString::fromLatin1(kResourceDir), nameOrPath);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("no scenario %1; built in: %2")
                     .arg(nameOrPath, builtIn().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    QString why;
    std::optional<Scenario> scenario = fromJson(file.readAll(), &why);
    if (!scenario) {
        *error = QStringLiteral("scenario %1: %2").arg(nameOrPath, why);
        return std::nullopt;
    }
    if (scenario->name.isEmpty()) {
        scenario->name = QFileInfo(path).completeBaseName();
    }
    return scenario;
}

std::optional<Scenario> Scenario::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("not a JSON object: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    Scenario scenario;
    scenario.name = o.value(QLatin1String("name")).toString();
    scenario.title = o.value(QLatin1String("title")).toString();
    scenario.description = o.value(QLatin1String("description")).toString();
    const QJsonArray steps = o.value(QLatin1String("steps")).toArray();
    if (steps.isEmpty()) {
        *error = QStringLiteral("a scenario needs at least one step");
        return std::nullopt;
    }
    for (qsizetype i = 0; i < steps.size(); ++i) {
        QString why;
        const std::optional<ScenarioStep> step = readStep(steps.at(i).toObject(), &why);
        if (!step) {
            *error = QStringLiteral("step %1: %2").arg(i + 1).arg(why);
            return std::nullopt;
        }
        scenario.steps.append(*step);
    }
    return scenario;
}

double Scenario::totalDurationS() const
{
    double total = 0;
    for (const ScenarioStep &s : steps) {
        total += s.durationS;
    }
    return total;
}

namespace {

// settled with what the action leaves behind once it has happened: counts, rate, cook time
// and plaice share; the same settings for an action that changes none of them.
ShopSettings afterAction(ShopSettings settled, const ScenarioAction &action)
{
    const ShopSettings defaults = ShopSettings::of(ShopConfig {});
    const int n = static_cast<int>(std::lround(action.value));
    const auto grown = [n](std::optional<int> count, std::optional<int> fallback, int sign) {
        return std::max(0, count.value_or(*fallback) + sign * n);
    };
    const QString &kind = action.kind;
    if (kind == QLatin1String("add-partitions")) {
        settled.orderPartitions = grown(settled.orderPartitions, defaults.orderPartitions, 1);
    } else if (kind == QLatin1String("set-partitions")) {
        // Partitions only grow: a smaller number is refused by the cluster.
        settled.orderPartitions = std::max(n, settled.orderPartitions.value_or(0));
    } else if (kind == QLatin1String("add-preparer")) {
        settled.preparers = grown(settled.preparers, defaults.preparers, 1);
    } else if (kind == QLatin1String("remove-preparer")) {
        settled.preparers = grown(settled.preparers, defaults.preparers, -1);
    } else if (kind == QLatin1String("set-preparers")) {
        settled.preparers = n;
    } else if (kind == QLatin1String("set-tills")) {
        settled.tills = n;
    } else if (kind == QLatin1String("set-cooks")) {
        settled.cooks = n;
    } else if (kind == QLatin1String("set-counters")) {
        settled.counters = n;
    } else if (kind == QLatin1String("set-rate")) {
        settled.ordersPerSecond = action.maxRate ? 0.0 : action.value;
    } else if (kind == QLatin1String("set-cook-time")) {
        settled.cookTimeMs = n;
    } else if (kind == QLatin1String("set-plaice-share")) {
        settled.plaiceShare = action.value;
    }
    return settled;
}

} // namespace

ShopSettings Scenario::settledAt(int index) const
{
    ShopSettings settled;
    for (int i = 0; i <= index && i < steps.size(); ++i) {
        settled = settled.merged(steps.at(i).settings);
        if (i < index) {
            for (const ScenarioAction &action : steps.at(i).actions) {
                settled = afterAction(settled, action);
            }
        }
    }
    return settled;
}

QStringList Scenario::joinedBefore(int index) const
{
    QStringList roles;
    for (int i = 0; i < index && i < steps.size(); ++i) {
        for (const ScenarioAction &action : steps.at(i).actions) {
            const QString role = action.kind.mid(4);
            if (action.kind.startsWith(QLatin1String("add-"))
                && Shop::backOfficeRoles().contains(role) && !roles.contains(role)) {
                roles << role;
            }
        }
    }
    return roles;
}

ShopConfig Scenario::initialConfig(ShopConfig base) const
{
    return steps.first().settings.appliedTo(std::move(base));
}

} // namespace chippy::shop
