#pragma once

#include "shop/events/event_queue.h"
#include "shop/events/shop_stats.h"
#include "shop/hot_cabinet.h"
#include "shop/live_settings.h"
#include "shop/participants/serving_hatch.h"
#include "shop/shop_config.h"

#include <atomic>

namespace chippy::shop {

// What every participant of one shop shares. Everything here is safe to use from any thread.
struct ShopContext
{
    explicit ShopContext(ShopConfig c)
        : config(std::move(c))
        , hotCabinet(config.cabinet, events, stats)
    { }

    const ShopConfig config;
    LiveSettings live;
    ShopEventQueue events;
    ShopStats stats;
    ServingHatch hatch;
    HotCabinet hotCabinet; // from model 6
    std::atomic<qint64> nextOrderNumber {1};
};

} // namespace chippy::shop
