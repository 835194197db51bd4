#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace chippy::broker {

// Kafka's max.connections and max.connections.per.ip: how many client connections may be
// open at once, in all and from one address. Refusals are logged, at most once a second
// with how many went unlogged, so that a flood of connections cannot flood the log too.
class ConnectionLimits : public std::enable_shared_from_this<ConnectionLimits>
{
public:
    // Holds one admitted connection's place; the place is freed when the ticket goes.
    class Ticket
    {
    public:
        Ticket() = default;
        Ticket(std::shared_ptr<ConnectionLimits> limits, std::string address);
        Ticket(Ticket &&other) noexcept = default;
        Ticket &operator=(Ticket &&other) noexcept;
        ~Ticket();

        void release();

    private:
        std::shared_ptr<ConnectionLimits> m_limits;
        std::string m_address;
    };

    // A negative limit means none.
    ConnectionLimits(std::int32_t maxConnections, std::int32_t maxConnectionsPerIp);

    // A ticket for a connection from address, or nothing (and a log line) when a limit is
    // reached.
    std::optional<Ticket> admit(const std::string &address);

    std::int32_t open() const { return m_open; }
    std::int32_t openFrom(const std::string &address) const;

private:
    static constexpr auto kRefusalLogInterval = std::chrono::seconds(1);

    void release(const std::string &address);
    void logRefusal(const std::string &address, const std::string &why);

    std::int32_t m_maxConnections;
    std::int32_t m_maxConnectionsPerIp;
    std::int32_t m_open = 0;
    std::map<std::string, std::int32_t> m_openPerIp;
    std::uint64_t m_unloggedRefusals = 0;
    std::chrono::steady_clock::time_point m_lastRefusalLog;
};

} // namespace chippy::broker
