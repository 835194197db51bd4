#include "connection_limits.h"

#include "broker_log.h"

namespace chippy::broker {

ConnectionLimits::Ticket::Ticket(std::shared_ptr<ConnectionLimits> limits, std::string address)
    : m_limits(std::move(limits))
    , m_address(std::move(address))
{ }

ConnectionLimits::Ticket &ConnectionLimits::Ticket::operator=(Ticket &&other) noexcept
{
    if (this != &other) {
        release();
        m_limits = std::move(other.m_limits);
        m_address = std::move(other.m_address);
    }
    return *this;
}

ConnectionLimits::Ticket::~Ticket()
{
    release();
}

void ConnectionLimits::Ticket::release()
{
    if (m_limits) {
        m_limits->release(m_address);
        m_limits.reset();
    }
}

ConnectionLimits::ConnectionLimits(std::int32_t maxConnections, std::int32_t maxConnectionsPerIp)
    : m_maxConnections(maxConnections)
    , m_maxConnectionsPerIp(maxConnectionsPerIp)
{ }

std::int32_t ConnectionLimits::openFrom(const std::string &address) const
{
    const auto it = m_openPerIp.find(address);
    return it == m_openPerIp.end() ? 0 : it->second;
}

std::optional<ConnectionLimits::Ticket> ConnectionLimits::admit(const std::string &address)
{
    if (m_maxConnections >= 0 && m_open >= m_maxConnections) {
        logRefusal(address,
            "the broker has the maximum of " + std::to_string(m_maxConnections)
                + " connections open (max.connections)");
        return std::nullopt;
    }
    if (m_maxConnectionsPerIp >= 0 && openFrom(address) >= m_maxConnectionsPerIp) {
        logRefusal(address,
            "the address has the maximum of " + std::to_string(m_maxConnectionsPerIp)
                + " connections open (max.connections.per.ip)");
        return std::nullopt;
    }
    ++m_open;
    ++m_openPerIp[address];
    return Ticket(shared_from_this(), address);
}

void ConnectionLimits::release(const std::string &address)
{
    --m_open;
    if (const auto it = m_openPerIp.find(address); it != m_openPerIp.end() && --it->second <= 0) {
        m_openPerIp.erase(it);
    }
}

void ConnectionLimits::logRefusal(const std::string &address, const std::string &why)
{
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastRefusalLog < kRefusalLogInterval) {
        ++m_unloggedRefusals;
        return;
    }
    const std::string more = m_unloggedRefusals == 0
        ? std::string()
        : " (and " + std::to_string(m_unloggedRefusals) + " more since the last such line)";
    brokerLog().warn("refused a connection from {}: {}{}", address, why, more);
    m_unloggedRefusals = 0;
    m_lastRefusalLog = now;
}

} // namespace chippy::broker
