#include "broker.h"

#include "broker_log.h"
#include "broker_state.h"
#include "server/server.h"
#include "snapshot_builder.h"

#include <asio/executor_work_guard.hpp>
#include <asio/post.hpp>

#include <future>
#include <stdexcept>
#include <thread>

namespace chippy::broker {

struct Broker::Impl
{
    BrokerConfig config;
    std::unique_ptr<asio::io_context> io;
    std::unique_ptr<BrokerState> state;
    std::unique_ptr<Server> server;
    std::thread thread;
    std::string host;
    std::uint16_t port = 0;
};

Broker::Broker(BrokerConfig config)
    : d(std::make_unique<Impl>())
{
    d->config = std::move(config);
}

Broker::~Broker()
{
    stop();
}

void Broker::start()
{
    if (d->thread.joinable()) {
        return;
    }
    d->io = std::make_unique<asio::io_context>(1);
    asio::ip::tcp::endpoint endpoint;
    try {
        endpoint = {asio::ip::make_address(d->config.listenHost), d->config.listenPort};
    } catch (const std::exception &) {
        throw std::runtime_error(
            "'" + d->config.listenHost + "' is not an IP address to listen on");
    }
    try {
        d->state = std::make_unique<BrokerState>(*d->io, d->config);
        d->server = std::make_unique<Server>(*d->state, endpoint);
    } catch (const asio::system_error &e) {
        d->server.reset();
        d->state.reset();
        throw std::runtime_error("cannot listen on " + d->config.listenHost + ":"
            + std::to_string(d->config.listenPort) + ": " + e.code().message());
    }
    d->port = d->server->port();
    d->host = d->config.advertisedHost.empty() ? d->config.listenHost : d->config.advertisedHost;
    d->state->advertisedHost = d->host;
    d->state->port = d->config.advertisedPort != 0 ? d->config.advertisedPort : d->port;
    d->server->start();
    d->thread = std::thread([io = d->io.get()] {
        auto guard = asio::make_work_guard(*io);
        io->run();
    });
    brokerLog().info("broker {} listening on {}:{} ({})", d->config.nodeId, d->host, d->port,
        d->config.persistent() ? d->config.dataDir.string() : "in memory");
    if (!d->config.saslPlainUsers.empty()) {
        brokerLog().info("clients must authenticate with SASL/PLAIN as one of {} users",
            d->config.saslPlainUsers.size());
    }
}

void Broker::stop()
{
    if (!d->thread.joinable()) {
        return;
    }
    asio::post(*d->io, [this] { d->server->stop(); });
    d->io->stop();
    d->thread.join();
    // Connections die with the io_context's pending handlers, before the state they refer to.
    d->server.reset();
    d->io.reset();
    d->state.reset();
}

bool Broker::isRunning() const
{
    return d->thread.joinable();
}

std::string Broker::host() const
{
    return d->host;
}

std::uint16_t Broker::port() const
{
    return d->port;
}

BrokerSnapshot Broker::snapshot() const
{
    if (!isRunning()) {
        return {};
    }
    std::promise<BrokerSnapshot> promise;
    auto future = promise.get_future();
    asio::post(*d->io, [&] { promise.set_value(buildSnapshot(*d->state)); });
    return future.get();
}

} // namespace chippy::broker
