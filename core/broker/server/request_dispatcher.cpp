#include "request_dispatcher.h"

#include "apis/api.h"
#include "broker_state.h"
#include "server/response_sink.h"
#include "server/sasl_session.h"

namespace chippy::broker {
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

std::string describe(const ApiSpec &spec, std::int16_t version)
{
    return std::string(spec.name) + " v" + std::to_string(version);
}

// What a client may send before it has authenticated.
bool opensAuthentication(ApiKey key)
{
    return key == ApiKey::ApiVersions || key == ApiKey::SaslHandshake
        || key == ApiKey::SaslAuthenticate;
}

} // namespace

void dispatchRequest(BrokerState &state, const std::shared_ptr<ResponseSink> &sink,
    std::uint64_t slot, std::span<const std::uint8_t> frame)
{
    Reader r(frame);
    RequestHeader header;
    try {
        header = RequestHeader::readCommon(r);
    } catch (const DecodeError &e) {
        sink->close(std::string("malformed request header: ") + e.what());
        return;
    }
    const ApiSpec *spec = findApi(header.apiKey);
    if (!spec) {
        sink->close("unknown API key " + std::to_string(header.apiKey));
        return;
    }
    if (const SaslSession *sasl = sink->sasl();
        sasl && !sasl->authenticated() && !opensAuthentication(spec->key)) {
        sink->close(std::string(spec->name) + " request before SASL authentication");
        return;
    }
    auto &stats = state.connections[sink->id()];
    stats.requests++;
    if (header.clientId) {
        stats.clientId = *header.clientId;
    }
    state.requestCounts[static_cast<std::size_t>(header.apiKey) % state.requestCounts.size()]++;

    if (!spec->supports(header.apiVersion)) {
        if (spec->key == ApiKey::ApiVersions) {
            sink->complete(slot, unsupportedApiVersionsFrame(header.correlationId, *spec));
            return;
        }
        sink->close(describe(*spec, header.apiVersion) + " is not supported (versions "
            + std::to_string(spec->minVersion) + " to " + std::to_string(spec->maxVersion) + ")");
        return;
    }
    const bool flexible = spec->isFlexible(header.apiVersion);
    r.setFlexible(flexible);
    try {
        r.skipTags();
        spec->handle(state, header, r, Responder(sink, slot, header, flexible));
    } catch (const DecodeError &e) {
        sink->close("malformed " + describe(*spec, header.apiVersion) + " request: " + e.what());
    } catch (const std::exception &e) {
        sink->close("failed to handle " + describe(*spec, header.apiVersion) + ": " + e.what());
    }
}

} // namespace chippy::broker
