#include "shop/shop_settings.h"

#include "shop/shop.h"

namespace chippy::shop {

namespace {

template<typename T> void carry(std::optional<T> &into, const std::optional<T> &from)
{
    if (from) {
        into = from;
    }
}

} // namespace

ShopSettings ShopSettings::of(const ShopConfig &config)
{
    ShopSettings s;
    s.model = config.model;
    s.tills = config.tills;
    s.orderPartitions = config.orderPartitions;
    s.preparers = config.preparers;
    s.cooks = config.cooks;
    s.counters = config.counters;
    s.ordersPerSecond = config.ordersPerSecond;
    int cookTime = config.cookTimeMs;
    if (cookTime < 0) {
        const MenuItem *plaice = config.menu.item(QStringLiteral("plaice"));
        cookTime = plaice ? plaice->cookTimeMs : 0;
    }
    s.cookTimeMs = cookTime;
    s.plaiceShare = config.plaiceShare;
    return s;
}

ShopSettings ShopSettings::merged(const ShopSettings &later) const
{
    ShopSettings s = *this;
    carry(s.model, later.model);
    carry(s.tills, later.tills);
    carry(s.orderPartitions, later.orderPartitions);
    carry(s.preparers, later.preparers);
    carry(s.cooks, later.cooks);
    carry(s.counters, later.counters);
    carry(s.ordersPerSecond, later.ordersPerSecond);
    carry(s.cookTimeMs, later.cookTimeMs);
    carry(s.plaiceShare, later.plaiceShare);
    return s;
}

ShopConfig ShopSettings::appliedTo(ShopConfig base) const
{
    base.model = model.value_or(base.model);
    base.tills = tills.value_or(base.tills);
    base.orderPartitions = orderPartitions.value_or(base.orderPartitions);
    base.preparers = preparers.value_or(base.preparers);
    base.cooks = cooks.value_or(base.cooks);
    base.counters = counters.value_or(base.counters);
    base.ordersPerSecond = ordersPerSecond.value_or(base.ordersPerSecond);
    base.cookTimeMs = cookTimeMs.value_or(base.cookTimeMs);
    base.plaiceShare = plaiceShare.value_or(base.plaiceShare);
    return base;
}

void ShopSettings::applyTo(
    Shop &shop, const std::function<void(const QString &, const CommandResult &)> &report) const
{
    const auto apply = [&report](const char *command, const CommandResult &result) {
        if (report) {
            report(QLatin1String(command), result);
        }
    };
    if (model) {
        apply("set-model", shop.setModel(*model));
    }
    if (orderPartitions && *orderPartitions > shop.orderPartitions()) {
        apply("set-partitions", shop.setOrderPartitions(*orderPartitions));
    }
    if (counters) {
        apply("set-counters", shop.setCounters(*counters));
    }
    if (cooks) {
        apply("set-cooks", shop.setCooks(*cooks));
    }
    if (preparers) {
        apply("set-preparers", shop.setPreparers(*preparers));
    }
    if (tills) {
        apply("set-tills", shop.setTills(*tills));
    }
    if (ordersPerSecond) {
        apply("set-rate", shop.setOrderRate(*ordersPerSecond));
    }
    if (cookTimeMs) {
        apply("set-cook-time", shop.setCookTime(*cookTimeMs));
    }
    if (plaiceShare) {
        apply("set-plaice-share", shop.setPlaiceShare(*plaiceShare));
    }
}

} // namespace chippy::shop
