#pragma once

#include "server/connection_limits.h"
#include "server/response_sink.h"
#include "server/sasl_session.h"

#include <asio/ip/tcp.hpp>
#include <asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace chippy::broker {

class BrokerState;

// One client connection: reads size-prefixed requests, dispatches them, and writes the
// responses strictly in request order, however late each one completes. It is closed when
// it has been idle (nothing read, written or awaiting an answer) for connections.max.idle.ms.
class Connection : public ResponseSink, public std::enable_shared_from_this<Connection>
{
public:
    // ticket: the connection's place under the connection limits, given up when it closes.
    Connection(asio::ip::tcp::socket socket, BrokerState &state, std::uint64_t id,
        ConnectionLimits::Ticket ticket = {});
    ~Connection();

    void start();

    void complete(std::uint64_t slot, std::vector<std::uint8_t> frame) override;
    void close(const std::string &reason) override;
    bool isOpen() const override { return m_open; }
    const std::string &peer() const override { return m_peer; }
    std::uint64_t id() const override { return m_id; }
    SaslSession *sasl() override { return m_sasl.get(); }

private:
    static constexpr std::size_t kMaxPendingRequests = 256;
    // SO_SNDBUF: more than a fetch response at librdkafka's and Java's default
    // max.partition.fetch.bytes (1 MiB). The kernel caps it at net.core.wmem_max.
    static constexpr int kSendBufferBytes = 4 << 20;
    // Kafka's sasl.server.max.receive.size: the largest frame before authentication.
    static constexpr std::uint32_t kMaxUnauthenticatedFrameBytes = 512 * 1024;

    struct Slot
    {
        bool done = false;
        std::vector<std::uint8_t> frame;
    };

    void readSize();
    void readBody(std::uint32_t size);
    void dispatch();
    void flush();
    void writeNext();
    void answerBareSaslToken(std::uint64_t slot);
    // Reads no more requests, and closes once every answer is written.
    void closeOnceAnswered(const std::string &reason);
    void closeIfAnswered();
    void noteActivity() { m_lastActivity = std::chrono::steady_clock::now(); }
    void waitForIdleTimeout();

    asio::ip::tcp::socket m_socket;
    BrokerState &m_state;
    std::uint64_t m_id;
    std::string m_peer;
    bool m_open = true;
    bool m_readPaused = false;
    bool m_writing = false;
    std::optional<std::string> m_closeReason;
    std::unique_ptr<SaslSession> m_sasl;
    ConnectionLimits::Ticket m_ticket;
    asio::steady_timer m_idleTimer;
    std::chrono::steady_clock::time_point m_lastActivity;

    std::uint8_t m_sizeBuf[4] = {};
    std::vector<std::uint8_t> m_request;

    std::deque<Slot> m_slots;
    std::uint64_t m_firstSlot = 0; // slot number of m_slots.front()
    std::vector<std::uint8_t> m_outgoing;
    std::vector<std::uint8_t> m_inFlight;
};

} // namespace chippy::broker
