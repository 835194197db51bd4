#pragma once

#include "shop/shop_config.h"

#include <QString>

#include <functional>
#include <optional>

namespace chippy::shop {

class Shop;
struct CommandResult;

// The settings of a shop that a scenario step, the window or a command line names: counts,
// rate, cook time and plaice share. A field left unset keeps what the shop has.
struct ShopSettings
{
    // Enough for every scene of the talk and a slider's range, small enough to stay a picture.
    static constexpr int kMaxParticipants = 32;
    static constexpr int kMaxPartitions = 64;
    // The talk's models: 1 cod and chips ... 6 the hot cabinet.
    static constexpr int kLastModel = 6;

    std::optional<int> model;
    std::optional<int> tills;
    std::optional<int> orderPartitions;
    std::optional<int> preparers;
    std::optional<int> cooks;
    std::optional<int> counters;
    std::optional<double> ordersPerSecond; // 0: as fast as the shop can
    std::optional<int> cookTimeMs;
    std::optional<double> plaiceShare;

    // Every setting as a shop started from config has it (cook time resolved from the menu).
    static ShopSettings of(const ShopConfig &config);

    // These settings with what later names on top.
    ShopSettings merged(const ShopSettings &later) const;
    // base with the settings named here.
    ShopConfig appliedTo(ShopConfig base) const;
    // Sends each named setting to a running shop as a command, readers before writers, so that
    // nobody writes to a partition no one reads yet. Partitions only ever grow here: a step
    // that names fewer than the topic has leaves it as it is. report hears every command.
    void applyTo(Shop &shop,
        const std::function<void(const QString &command, const CommandResult &result)> &report
        = {}) const;

    bool operator==(const ShopSettings &other) const = default;
};

} // namespace chippy::shop
