#pragma once

#include "shop/shop_config.h"
#include "shop/shop_settings.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chippy::shop {

// A timed change made while a step runs: "add-partitions", "kill-preparer", ...
struct ScenarioAction
{
    double atS = 0; // seconds after the start of its step
    QString kind;
    double value = 0; // count, target or rate, depending on the kind
    bool maxRate = false; // "set-rate" to "max"
    QString caption;

    // The kinds a scenario may use.
    static const QStringList &kinds();
};

// One scene of a talk: what the shop looks like, what to tell the audience, how long it
// runs and what happens on the way. Counts left out keep their previous values.
struct ScenarioStep
{
    QString title;
    QString caption;
    double durationS = 30;
    ShopSettings settings;
    QList<ScenarioAction> actions;
};

// A scenario file from resources/scenarios/:
// {"name": "model-3", "title": "...", "description": "...",
//  "steps": [{"title": "...", "caption": "...", "duration_s": 30,
//             "model": 3, "tills": 4, "order_partitions": 2, "preparers": 3, "cooks": 0,
//             "counters": 2, "rate": 4 (or "max"), "cook_time_ms": 2000, "plaice_share": 0.3,
//             "actions": [{"at_s": 15, "do": "add-partitions", "count": 1, "caption": "..."},
//                         {"at_s": 20, "do": "set-rate", "to": "max"}]}]}
// The first step sets the shop up; later steps change only what they name.
struct Scenario
{
    static constexpr const char *kResourceDir = ":/chippy/scenarios";

    QString name;
    QString title;
    QString description;
    QList<ScenarioStep> steps;

    // The scenarios shipped with Chippy, by name.
    static QStringList builtIn();
    // A built-in name ("model-3") or the path of a scenario file.
    static std::optional<Scenario> load(const QString &nameOrPath, QString *error);
    static std::optional<Scenario> fromJson(const QByteArray &json, QString *error);

    double totalDurationS() const;
    // The settings of the shop once it has entered step index from nothing: each step names
    // only what it changes, so the steps before it count too, and so do their actions that
    // last (a partition added, a rate set; not a preparer killed or a broker restarted).
    ShopSettings settledAt(int index) const;
    // The back-office readers that the steps before index add.
    QStringList joinedBefore(int index) const;
    // The shop as the first step sets it up, on top of base (cluster, topics, timing).
    ShopConfig initialConfig(ShopConfig base) const;
};

} // namespace chippy::shop
