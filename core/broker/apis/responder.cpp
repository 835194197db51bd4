#include "api.h"

#include "protocol/api_key.h"
#include "server/response_sink.h"

namespace chippy::broker {

Responder::Responder(std::shared_ptr<ResponseSink> connection, std::uint64_t slot,
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

SaslSession *Responder::sasl() const
{
    auto c = m_connection.lock();
    return c ? c->sasl() : nullptr;
}

} // namespace chippy::broker
