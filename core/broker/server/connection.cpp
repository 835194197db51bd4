#include "connection.h"

#include "apis/api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "server/request_dispatcher.h"

#include <asio/read.hpp>
#include <asio/write.hpp>

#include <algorithm>

namespace chippy::broker {

Connection::Connection(asio::ip::tcp::socket socket, BrokerState &state, std::uint64_t id,
    ConnectionLimits::Ticket ticket)
    : m_socket(std::move(socket))
    , m_state(state)
    , m_id(id)
    , m_ticket(std::move(ticket))
    , m_idleTimer(m_socket.get_executor())
    , m_lastActivity(std::chrono::steady_clock::now())
{
    asio::error_code ec;
    const auto ep = m_socket.remote_endpoint(ec);
    m_peer = ec ? "unknown" : ep.address().to_string() + ":" + std::to_string(ep.port());
    m_socket.set_option(asio::ip::tcp::no_delay(true), ec);
    // Room for a whole fetch response: it is handed to the kernel in one write and leaves as
    // the client reads, instead of in pieces that each wait for this thread to run again.
    m_socket.set_option(asio::socket_base::send_buffer_size(kSendBufferBytes), ec);
    m_state.connections[m_id].peer = m_peer;
    if (!m_state.config.saslPlainUsers.empty()) {
        m_sasl = std::make_unique<SaslSession>(m_state.config.saslPlainUsers);
    }
}

Connection::~Connection()
{
    m_state.connections.erase(m_id);
}

void Connection::start()
{
    readSize();
    waitForIdleTimeout();
}

void Connection::waitForIdleTimeout()
{
    const std::int64_t idleMs = m_state.config.connectionsMaxIdleMs;
    if (idleMs < 0 || !m_open) {
        return;
    }
    const auto limit = std::chrono::milliseconds(idleMs);
    // A request still being answered (a long-poll fetch, a join) keeps the connection busy.
    if (!m_slots.empty() || m_writing) {
        noteActivity();
    }
    m_idleTimer.expires_at(m_lastActivity + limit);
    m_idleTimer.async_wait([self = shared_from_this(), limit](asio::error_code ec) {
        if (ec || !self->m_open) {
            return;
        }
        if (std::chrono::steady_clock::now() - self->m_lastActivity < limit
            || !self->m_slots.empty() || self->m_writing) {
            self->waitForIdleTimeout();
            return;
        }
        self->close("idle for " + std::to_string(limit.count()) + " ms (connections.max.idle.ms)");
    });
}

void Connection::close(const std::string &reason)
{
    if (!m_open) {
        return;
    }
    m_open = false;
    if (!reason.empty()) {
        brokerLog().warn("closing connection {} from {}: {}", m_id, m_peer, reason);
    }
    asio::error_code ec;
    m_socket.shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    m_socket.close(ec);
    m_idleTimer.cancel();
    m_ticket.release();
    m_state.connections.erase(m_id);
}

void Connection::readSize()
{
    if (!m_open || m_closeReason) {
        return;
    }
    if (m_slots.size() >= kMaxPendingRequests) {
        m_readPaused = true;
        return;
    }
    asio::async_read(m_socket, asio::buffer(m_sizeBuf),
        [self = shared_from_this()](asio::error_code ec, std::size_t) {
            if (ec) {
                self->close("");
                return;
            }
            self->noteActivity();
            const std::uint32_t size = (std::uint32_t(self->m_sizeBuf[0]) << 24)
                | (std::uint32_t(self->m_sizeBuf[1]) << 16)
                | (std::uint32_t(self->m_sizeBuf[2]) << 8) | std::uint32_t(self->m_sizeBuf[3]);
            self->readBody(size);
        });
}

void Connection::readBody(std::uint32_t size)
{
    auto limit = static_cast<std::uint32_t>(m_state.config.maxRequestBytes);
    if (m_sasl && !m_sasl->authenticated()) {
        limit = std::min(limit, kMaxUnauthenticatedFrameBytes);
    }
    // A bare SASL token has no request header, so no least size.
    const std::uint32_t least = m_sasl && m_sasl->expectsBareToken() ? 0 : 8;
    if (size > limit || size < least) {
        close("request size " + std::to_string(size) + " is outside " + std::to_string(least) + ".."
            + std::to_string(limit) + " bytes");
        return;
    }
    m_request.resize(size);
    // Not asio's 64 KiB per read: a large request takes as few system calls as it arrives in.
    const auto rest = [size](const asio::error_code &ec, std::size_t done) -> std::size_t {
        return ec ? 0 : size - done;
    };
    asio::async_read(m_socket, asio::buffer(m_request), rest,
        [self = shared_from_this()](asio::error_code ec, std::size_t) {
            if (ec) {
                self->close("");
                return;
            }
            self->noteActivity();
            self->dispatch();
            if (self->m_sasl && self->m_sasl->failed()) {
                self->closeOnceAnswered(self->m_sasl->failure());
                return;
            }
            self->readSize();
        });
}

void Connection::dispatch()
{
    const std::uint64_t slot = m_firstSlot + m_slots.size();
    m_slots.emplace_back();
    if (m_sasl && m_sasl->expectsBareToken()) {
        answerBareSaslToken(slot);
        return;
    }
    dispatchRequest(m_state, shared_from_this(), slot, m_request);
}

// After a v0 SaslHandshake the PLAIN message comes without a request header (KIP-152).
// Success is answered with an empty frame; failure only by closing.
void Connection::answerBareSaslToken(std::uint64_t slot)
{
    if (m_sasl->authenticateBareToken(m_request)) {
        brokerLog().info("connection {} from {} authenticated as {}", m_id, m_peer, m_sasl->user());
        complete(slot, std::vector<std::uint8_t>(4, 0));
    } else {
        complete(slot, {});
    }
}

void Connection::complete(std::uint64_t slot, std::vector<std::uint8_t> frame)
{
    if (!m_open || slot < m_firstSlot || slot >= m_firstSlot + m_slots.size()) {
        return;
    }
    Slot &s = m_slots[slot - m_firstSlot];
    s.done = true;
    s.frame = std::move(frame);
    flush();
}

void Connection::flush()
{
    while (!m_slots.empty() && m_slots.front().done) {
        auto &frame = m_slots.front().frame;
        if (m_outgoing.empty()) {
            m_outgoing.swap(frame); // the common case: one response, not copied again
        } else {
            m_outgoing.insert(m_outgoing.end(), frame.begin(), frame.end());
        }
        m_slots.pop_front();
        ++m_firstSlot;
    }
    writeNext();
    if (m_readPaused && m_slots.size() < kMaxPendingRequests) {
        m_readPaused = false;
        readSize();
    }
}

void Connection::writeNext()
{
    if (m_writing || m_outgoing.empty() || !m_open) {
        return;
    }
    m_writing = true;
    m_inFlight.swap(m_outgoing);
    m_outgoing.clear();
    // Not asio's 64 KiB per write: a fetch response leaves in one system call where the socket
    // buffer takes it, rather than in sixteen.
    const auto rest = [size = m_inFlight.size()](const asio::error_code &ec,
                          std::size_t done) -> std::size_t { return ec ? 0 : size - done; };
    asio::async_write(m_socket, asio::buffer(m_inFlight), rest,
        [self = shared_from_this()](asio::error_code ec, std::size_t) {
            self->m_writing = false;
            self->m_inFlight.clear();
            if (ec) {
                self->close("");
                return;
            }
            self->noteActivity();
            self->writeNext();
            self->closeIfAnswered();
        });
}

void Connection::closeOnceAnswered(const std::string &reason)
{
    m_closeReason = reason;
    closeIfAnswered();
}

void Connection::closeIfAnswered()
{
    if (m_closeReason && m_slots.empty() && m_outgoing.empty() && !m_writing) {
        close(*m_closeReason);
    }
}

} // namespace chippy::broker
