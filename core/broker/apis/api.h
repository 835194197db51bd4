#pragma once

#include "protocol/api_key.h"
#include "protocol/reader.h"
#include "protocol/request_header.h"
#include "protocol/writer.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace chippy::broker {

class BrokerState;
class ResponseSink;
class SaslSession;

// Completes one request. Responses on a connection leave in request order, whenever each
// responder completes; a responder may be kept and completed later (long-poll fetch, joins).
class Responder
{
public:
    Responder(std::shared_ptr<ResponseSink> connection, std::uint64_t slot,
        const RequestHeader &header, bool flexible);

    std::int16_t apiVersion() const { return m_apiVersion; }
    bool flexible() const { return m_flexible; }
    // A writer for the response body, in the request's encoding.
    Writer writer() const { return Writer(m_flexible); }
    // False once the client has gone; pending work may then be dropped.
    bool connected() const;

    void send(Writer &&body);
    // For requests that get no response (Produce with acks=0).
    void sendNothing();
    // For requests that break the protocol: closes the connection.
    void closeConnection(const std::string &reason);

    std::string peer() const;
    std::uint64_t connectionId() const;
    // Null where clients need not authenticate. Valid while the handler runs.
    SaslSession *sasl() const;

private:
    std::weak_ptr<ResponseSink> m_connection;
    std::uint64_t m_slot;
    std::int32_t m_correlationId;
    std::int16_t m_apiKey;
    std::int16_t m_apiVersion;
    bool m_flexible;
};

// One Kafka API as the broker serves it: the versions it decodes and answers.
struct ApiSpec
{
    static constexpr std::int16_t kNeverFlexible = 0x7fff;

    ApiKey key;
    const char *name;
    std::int16_t minVersion;
    std::int16_t maxVersion;
    std::int16_t firstFlexibleVersion;
    // body is positioned after the request header, in the version's encoding. The handler
    // copies what it needs: body's bytes are gone once it returns.
    void (*handle)(
        BrokerState &state, const RequestHeader &header, Reader &body, Responder respond);

    bool isFlexible(std::int16_t version) const { return version >= firstFlexibleVersion; }
    bool supports(std::int16_t version) const
    {
        return version >= minVersion && version <= maxVersion;
    }
};

// Every API the broker serves, in key order. ApiVersions advertises exactly these.
const std::vector<const ApiSpec *> &apiTable();
const ApiSpec *findApi(std::int16_t key);

} // namespace chippy::broker
