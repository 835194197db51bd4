#pragma once

#include "reader.h"

#include <cstdint>
#include <optional>
#include <string>

namespace chippy::broker {

// Request header v1/v2: the version is chosen by whether the API version is flexible,
// which the caller decides once it knows the API key and version.
struct RequestHeader
{
    std::int16_t apiKey = 0;
    std::int16_t apiVersion = 0;
    std::int32_t correlationId = 0;
    std::optional<std::string> clientId;

    // Reads key, version, correlation id and client id (identical in v1 and v2).
    static RequestHeader readCommon(Reader &r)
    {
        RequestHeader h;
        h.apiKey = r.i16();
        h.apiVersion = r.i16();
        h.correlationId = r.i32();
        h.clientId = r.nullableString();
        return h;
    }
};

} // namespace chippy::broker
