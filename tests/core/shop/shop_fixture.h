#pragma once

#include "broker_fixture.h"
#include "shop.h"

#include <QTest>

#include <memory>

namespace chippy::test {

// A shop on its own embedded broker, with the short group timings the tests rely on.
struct ShopFixture
{
    static constexpr int kDrainTimeoutMs = 30000;

    explicit ShopFixture(shop::ShopConfig config = {}, bool persistent = false)
        : broker(persistent)
    {
        config.cluster.set("bootstrap.servers", broker.bootstrapStd().c_str());
        config.sessionTimeoutMs = 6000;
        config.heartbeatIntervalMs = 500;
        config.metadataRefreshMs = 1000;
        shop = std::make_unique<shop::Shop>(config);
    }

    // Closes the tills and waits until every order placed is served or dead-lettered.
    bool drain()
    {
        shop->stopTills();
        return QTest::qWaitFor(
            [this] { return shop->stats().counts().outstanding() <= 0; }, kDrainTimeoutMs);
    }

    BrokerFixture broker;
    std::unique_ptr<shop::Shop> shop;
};

} // namespace chippy::test
