#pragma once

#include <atomic>

namespace chippy::shop {

// Settings a running shop changes on the fly; every worker reads them on each turn of its
// loop, so a change takes effect within one poll without restarting anyone.
struct LiveSettings
{
    std::atomic<double> ordersPerSecond {2.0}; // 0: as fast as the shop can
    std::atomic<int> cookTimeMs {2000};
    std::atomic<double> plaiceShare {0.3};
    std::atomic<int> model {1};
    std::atomic<bool> paused {false};
    std::atomic<int> tills {1}; // the rate is shared between this many tills
};

} // namespace chippy::shop
