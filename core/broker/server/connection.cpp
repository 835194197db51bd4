#include "connection.h"

#include "apis/api.h"
#include "broker_log.h"
#include "broker_state.h"

#include <asio/read.hpp>
#include <asio/write.hpp>

namespace chippy::broker {

Connection::Connection(asio::ip::tcp::socket socket, BrokerState &state, std::uint64_t id)
    : m_socket(std::move(socket))
    , m_state(state)
    , m_id(id)
{
    asio::error_code ec;
    const auto ep = m_socket.remote_endpoint(ec);
    m_peer = ec ? "unknown" : ep.address().to_string() + ":" + std::to_string(ep.port());
    m_socket.set_option(asio::ip::tcp::no_delay(true), ec);
    m_state.connections[m_id].peer = m_peer;
}

Connection::~Connection()
{
    m_state.connections.erase(m_id);
}

void Connection::start()
{
    readSize();
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
    m_state.connections.erase(m_id);
}

void Connection::readSize()
{
    if (!m_open) {
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
            const std::uint32_t size = (std::uint32_t(self->m_sizeBuf[0]) << 24)
                | (std::uint32_t(self->m_sizeBuf[1]) << 16)
                | (std::uint32_t(self->m_sizeBuf[2]) << 8) | std::uint32_t(self->m_sizeBuf[3]);
            self->readBody(size);
        });
}

void Connection::readBody(std::uint32_t size)
{
    const auto limit = static_cast<std::uint32_t>(m_state.config.maxRequestBytes);
    if (size > limit || size < 8) {
        close("request size " + std::to_string(size) + " is outside 8.." + std::to_string(limit)
            + " bytes");
        return;
    }
    m_request.resize(size);
    asio::async_read(m_socket, asio::buffer(m_request),
        [self = shared_from_this()](asio::error_code ec, std::size_t) {
            if (ec) {
                self->close("");
                return;
            }
            self->dispatch();
            self->readSize();
        });
}

namespace {

// Apache Kafka's answer to an ApiVersions version above ours: a v0 body with error 35 and
// one entry naming the ApiVersions range, so the client can retry lower.
std::vector<std::uint8_t> unsupportedApiVersionsFrame(
    std::int32_t correlationId, const ApiSpec &spec)
{
    Writer w;
    const auto at = w.placeholder32();
    w.i32(correlationId);
    w.i16(code(ErrorCode::UnsupportedVersion));
    w.arrayLength(1);
    w.i16(static_cast<std::int16_t>(spec.key));
    w.i16(spec.minVersion);
    w.i16(spec.maxVersion);
    w.patch32(at, static_cast<std::uint32_t>(w.size() - 4));
    return w.take();
}

} // namespace

void Connection::dispatch()
{
    Reader r(m_request);
    RequestHeader header;
    try {
        header = RequestHeader::readCommon(r);
    } catch (const DecodeError &e) {
        close(std::string("malformed request header: ") + e.what());
        return;
    }
    const ApiSpec *spec = findApi(header.apiKey);
    if (!spec) {
        close("unknown API key " + std::to_string(header.apiKey));
        return;
    }
    auto &stats = m_state.connections[m_id];
    stats.requests++;
    if (header.clientId) {
        stats.clientId = *header.clientId;
    }
    m_state.requestCounts[static_cast<std::size_t>(header.apiKey) % m_state.requestCounts.size()]++;

    const std::uint64_t slot = m_firstSlot + m_slots.size();
    m_slots.emplace_back();
    if (!spec->supports(header.apiVersion)) {
        if (spec->key == ApiKey::ApiVersions) {
            complete(slot, unsupportedApiVersionsFrame(header.correlationId, *spec));
            return;
        }
        close(std::string(spec->name) + " v" + std::to_string(header.apiVersion)
            + " is not supported (" + std::to_string(spec->minVersion) + ".."
            + std::to_string(spec->maxVersion) + ")");
        return;
    }
    const bool flexible = spec->isFlexible(header.apiVersion);
    r.setFlexible(flexible);
    try {
        if (flexible) {
            r.skipTags();
        }
        spec->handle(m_state, header, r, Responder(shared_from_this(), slot, header, flexible));
    } catch (const DecodeError &e) {
        close(std::string("malformed ") + spec->name + " v" + std::to_string(header.apiVersion)
            + " request: " + e.what());
    } catch (const std::exception &e) {
        close(std::string("failed to handle ") + spec->name + ": " + e.what());
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
        m_outgoing.insert(m_outgoing.end(), frame.begin(), frame.end());
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
    asio::async_write(m_socket, asio::buffer(m_inFlight),
        [self = shared_from_this()](asio::error_code ec, std::size_t) {
            self->m_writing = false;
            self->m_inFlight.clear();
            if (ec) {
                self->close("");
                return;
            }
            self->writeNext();
        });
}

// --- Responder ---------------------------------------------------------------------------

Responder::Responder(std::shared_ptr<Connection> connection, std::uint64_t slot,
    const RequestHeader &header, bool flexible)
    : m_connection(connection)
    , m_slot(slot)
    , m_correlationId(header.correlationId)
    , m_apiKey(header.apiKey)
    , m_apiVersion(header.apiVersion)
    , m_flexible(flexible)
{ }

bool Responder::connected() const
{
    auto c = m_connection.lock();
    return c && c->isOpen();
}

void Responder::send(Writer &&body)
{
    auto c = m_connection.lock();
    if (!c) {
        return;
    }
    // ApiVersions always answers with response header v0, whatever its version.
    const bool taggedHeader
        = m_flexible && m_apiKey != static_cast<std::int16_t>(ApiKey::ApiVersions);
    auto &b = body.buffer();
    Writer head;
    head.i32(static_cast<std::int32_t>(b.size() + 4 + (taggedHeader ? 1 : 0)));
    head.i32(m_correlationId);
    if (taggedHeader) {
        head.uvarint(0);
    }
    auto frame = head.take();
    frame.insert(frame.end(), b.begin(), b.end());
    c->complete(m_slot, std::move(frame));
}

void Responder::sendNothing()
{
    if (auto c = m_connection.lock()) {
        c->complete(m_slot, {});
    }
}

void Responder::closeConnection(const std::string &reason)
{
    if (auto c = m_connection.lock()) {
        c->close(reason);
    }
}

std::string Responder::peer() const
{
    auto c = m_connection.lock();
    return c ? c->peer() : std::string("gone");
}

std::uint64_t Responder::connectionId() const
{
    auto c = m_connection.lock();
    return c ? c->id() : 0;
}

} // namespace chippy::broker
