#pragma once

#include "protocol/api_key.h"
#include "protocol/writer.h"

#include <QTcpSocket>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chippy::test {

// Speaks the Kafka wire protocol to a broker one request at a time, for tests that need
// versions or exact bytes that no client library sends.
class WireClient
{
public:
    static constexpr int kReplyTimeoutMs = 10000;

    bool connectTo(std::uint16_t port);

    // Sends a request whose body is encoded in the version's style (body.flexible() says
    // which request header goes in front) and returns the response body after its header,
    // or nothing when no complete answer arrives in time.
    std::optional<std::vector<std::uint8_t>> call(
        broker::ApiKey key, std::int16_t version, broker::Writer body);

    // Creates a topic with CreateTopics v0 (produce requests do not create topics, as in
    // Kafka); true when it was created.
    bool createTopic(const std::string &name, std::int32_t partitions = 1);

    // A size-prefixed frame with no request or response header in it, as the bare SASL
    // tokens after a SaslHandshake v0 travel.
    bool sendBareFrame(std::span<const std::uint8_t> payload);
    std::optional<std::vector<std::uint8_t>> receiveBareFrame();

    // True once the broker has closed the connection.
    bool waitForClose();

private:
    bool readExactly(qsizetype n, QByteArray &out);

    QTcpSocket m_socket;
    std::int32_t m_correlationId = 0;
};

} // namespace chippy::test
