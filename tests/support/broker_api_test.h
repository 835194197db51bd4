#pragma once

#include "broker_fixture.h"
#include "wire_client.h"

#include <QObject>

#include <cstdint>
#include <memory>
#include <vector>

namespace chippy::test {

// The base of a test of the broker's Kafka APIs: a fresh broker and a wire client connected
// to it for every test function. A test that needs another broker overrides init() and calls
// start() with its configuration.
class BrokerApiTest : public QObject
{
    Q_OBJECT

protected:
    // Starts a broker (persistent: with a data directory of its own) and connects the client.
    void start(bool persistent = false, broker::BrokerConfig config = {});
    // One request on the client's connection; its answer, or a failed test and nothing.
    std::vector<std::uint8_t> call(broker::ApiKey key, std::int16_t version, broker::Writer body);

    std::unique_ptr<BrokerFixture> m_broker;
    std::unique_ptr<WireClient> m_client;

private slots:
    void init();
    void cleanup();
};

} // namespace chippy::test
