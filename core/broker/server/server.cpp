#include "server.h"

#include "broker_log.h"
#include "broker_state.h"
#include "server/connection.h"
#include "server/connection_limits.h"

#include <chrono>

namespace chippy::broker {

Server::Server(BrokerState &state, const asio::ip::tcp::endpoint &endpoint)
    : m_state(state)
    , m_acceptor(state.io)
    , m_housekeeping(state.io)
    , m_limits(std::make_shared<ConnectionLimits>(
          state.config.maxConnections, state.config.maxConnectionsPerIp))
{
    m_acceptor.open(endpoint.protocol());
    m_acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true));
    m_acceptor.bind(endpoint);
    m_acceptor.listen();
}

Server::~Server() = default;

void Server::start()
{
    accept();
    scheduleHousekeeping();
}

void Server::stop()
{
    asio::error_code ec;
    m_acceptor.close(ec);
    m_housekeeping.cancel();
}

void Server::accept()
{
    m_acceptor.async_accept([this](asio::error_code ec, asio::ip::tcp::socket socket) {
        if (ec) {
            if (ec != asio::error::operation_aborted) {
                brokerLog().warn("accept failed: {}", ec.message());
                accept();
            }
            return;
        }
        asio::error_code ignored;
        const auto remote = socket.remote_endpoint(ignored);
        auto ticket = m_limits->admit(ignored ? "unknown" : remote.address().to_string());
        if (!ticket) {
            socket.close(ignored);
            accept();
            return;
        }
        std::make_shared<Connection>(
            std::move(socket), m_state, m_nextConnectionId++, std::move(*ticket))
            ->start();
        accept();
    });
}

void Server::scheduleHousekeeping()
{
    m_housekeeping.expires_after(
        std::chrono::milliseconds(m_state.config.retentionCheckIntervalMs));
    m_housekeeping.async_wait([this](asio::error_code ec) {
        if (ec) {
            return;
        }
        using namespace std::chrono;
        const auto now
            = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
        if (const auto removed = m_state.topics.enforceRetention(now); removed > 0) {
            brokerLog().info("retention removed {} bytes", removed);
        }
        scheduleHousekeeping();
    });
}

} // namespace chippy::broker
