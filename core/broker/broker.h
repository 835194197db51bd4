#pragma once

#include "broker_config.h"
#include "broker_snapshot.h"

#include <cstdint>
#include <memory>
#include <string>

namespace chippy::broker {

// The embedded Kafka-protocol broker: start it on its own thread, ask for its address,
// take snapshots from any thread, stop it. Thread-safe.
class Broker
{
public:
    explicit Broker(BrokerConfig config);
    ~Broker();
    Broker(const Broker &) = delete;
    Broker &operator=(const Broker &) = delete;

    // Binds, recovers the data directory and starts serving; throws std::runtime_error with
    // a readable reason when it cannot.
    void start();
    void stop();
    bool isRunning() const;

    std::string host() const;
    std::uint16_t port() const;
    std::string bootstrapServers() const { return host() + ":" + std::to_string(port()); }

    BrokerSnapshot snapshot() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace chippy::broker
