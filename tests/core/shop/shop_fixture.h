#pragma once

#include "broker_fixture.h"
#include "shop/shop.h"

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
    // recordsFromOutside: unreadable records a test wrote itself, dead-lettered but never
    // placed by a till, so that they do not stand in for an order still on its way.
    bool drain(qint64 recordsFromOutside = 0)
    {
        shop->stopTills();
        return QTest::qWaitFor(
            [this, recordsFromOutside] {
                return shop->stats().counts().outstanding() + recordsFromOutside <= 0;
            },
            kDrainTimeoutMs);
    }

    BrokerFixture broker;
    std::unique_ptr<shop::Shop> shop;
};

} // namespace chippy::test
