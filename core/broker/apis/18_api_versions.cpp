#include "api.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <regex>

namespace chippy::broker {
namespace {

// Apache Kafka's rule for the client software name and version (KIP-511).
bool validSoftwareField(const std::string &s)
{
    static const std::regex pattern("[a-zA-Z0-9](?:[a-zA-Z0-9\\-.]*[a-zA-Z0-9])?");
    return std::regex_match(s, pattern);
}

void handleApiVersions(BrokerState &, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto version = header.apiVersion;
    ErrorCode error = ErrorCode::None;
    if (version >= 3) {
        const auto name = body.string();
        const auto softwareVersion = body.string();
        body.skipTags();
        if (!validSoftwareField(name) || !validSoftwareField(softwareVersion)) {
            error = ErrorCode::InvalidRequest;
        }
    }
    Writer w = respond.writer();
    w.i16(code(error));
    const auto &table = apiTable();
    w.arrayLength(table.size());
    for (const ApiSpec *spec : table) {
        w.i16(static_cast<std::int16_t>(spec->key));
        w.i16(spec->minVersion);
        w.i16(spec->maxVersion);
        w.tags();
    }
    if (version >= 1) {
        w.i32(0); // throttle time
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kApiVersionsApi {
    ApiKey::ApiVersions, "ApiVersions", 0, 3, 3, &handleApiVersions};

} // namespace chippy::broker
