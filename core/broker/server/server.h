#pragma once

#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <cstdint>
#include <memory>

namespace chippy::broker {

class BrokerState;
class ConnectionLimits;

// Accepts client connections within the connection limits, and runs the periodic
// housekeeping (retention).
class Server
{
public:
    Server(BrokerState &state, const asio::ip::tcp::endpoint &endpoint);
    ~Server();

    std::uint16_t port() const { return m_acceptor.local_endpoint().port(); }
    void start();
    void stop();

private:
    void accept();
    void scheduleHousekeeping();

    BrokerState &m_state;
    asio::ip::tcp::acceptor m_acceptor;
    asio::steady_timer m_housekeeping;
    std::shared_ptr<ConnectionLimits> m_limits;
    std::uint64_t m_nextConnectionId = 1;
};

} // namespace chippy::broker
