#include "wire_client.h"

#include "protocol/reader.h"

#include <QtEndian>

namespace chippy::test {

bool WireClient::connectTo(std::uint16_t port)
{
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    return m_socket.waitForConnected(kReplyTimeoutMs);
}

bool WireClient::createTopic(const std::string &name, std::int32_t partitions)
{
    constexpr std::int16_t kSingleReplica = 1;
    constexpr std::int32_t kTimeoutMs = 10000;
    broker::Writer w;
    w.arrayLength(1);
    w.string(name);
    w.i32(partitions);
    w.i16(kSingleReplica);
    w.arrayLength(0); // replica assignment
    w.arrayLength(0); // configs
    w.i32(kTimeoutMs);
    const auto reply = call(broker::ApiKey::CreateTopics, 0, std::move(w));
    if (!reply) {
        return false;
    }
    broker::Reader r(*reply);
    if (r.arrayLength() != 1) {
        return false;
    }
    r.string();
    return r.i16() == 0;
}

bool WireClient::readExactly(qsizetype n, QByteArray &out)
{
    out.clear();
    while (out.size() < n) {
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(kReplyTimeoutMs)) {
            return false;
        }
        out += m_socket.read(n - out.size());
    }
    return true;
}

std::optional<std::vector<std::uint8_t>> WireClient::call(
    broker::ApiKey key, std::int16_t version, broker::Writer body)
{
    const std::int32_t correlationId = ++m_correlationId;
    broker::Writer head;
    const auto sizeAt = head.placeholder32();
    head.i16(static_cast<std::int16_t>(key));
    head.i16(version);
    head.i32(correlationId);
    head.string("chippy-wire-test"); // the client id keeps its int16 length in header v2
    if (body.flexible()) {
        head.uvarint(0);
    }
    auto frame = head.take();
    const auto &b = body.buffer();
    frame.insert(frame.end(), b.begin(), b.end());
    const auto size = static_cast<std::uint32_t>(frame.size() - 4);
    qToBigEndian(size, frame.data() + sizeAt);
    m_socket.write(reinterpret_cast<const char *>(frame.data()), qint64(frame.size()));
    if (!m_socket.waitForBytesWritten(kReplyTimeoutMs)) {
        return std::nullopt;
    }

    QByteArray data;
    if (!readExactly(4, data)) {
        return std::nullopt;
    }
    const auto length = qFromBigEndian<qint32>(data.constData());
    if (!readExactly(length, data)) {
        return std::nullopt;
    }
    broker::Reader r(
        {reinterpret_cast<const std::uint8_t *>(data.constData()), std::size_t(data.size())});
    if (r.i32() != correlationId) {
        return std::nullopt;
    }
    // ApiVersions answers with response header v0 even in its flexible versions.
    if (body.flexible() && key != broker::ApiKey::ApiVersions) {
        r.setFlexible(true);
        r.skipTags();
    }
    const auto rest = r.raw(r.remaining());
    return std::vector<std::uint8_t>(rest.begin(), rest.end());
}

bool WireClient::sendBareFrame(std::span<const std::uint8_t> payload)
{
    QByteArray frame(4, 0);
    qToBigEndian(static_cast<std::uint32_t>(payload.size()), frame.data());
    frame.append(reinterpret_cast<const char *>(payload.data()), qsizetype(payload.size()));
    m_socket.write(frame);
    return m_socket.waitForBytesWritten(kReplyTimeoutMs);
}

std::optional<std::vector<std::uint8_t>> WireClient::receiveBareFrame()
{
    QByteArray data;
    if (!readExactly(4, data)) {
        return std::nullopt;
    }
    const auto length = qFromBigEndian<qint32>(data.constData());
    if (!readExactly(length, data)) {
        return std::nullopt;
    }
    return std::vector<std::uint8_t>(data.begin(), data.end());
}

bool WireClient::waitForClose()
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState) {
        return true;
    }
    return m_socket.waitForDisconnected(kReplyTimeoutMs);
}

} // namespace chippy::test
