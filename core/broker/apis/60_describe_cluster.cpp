#include "api.h"
#include "broker_state.h"

#include <optional>

namespace chippy::broker {
namespace {

constexpr std::int8_t kBrokerEndpoints = 1;
constexpr std::int8_t kControllerEndpoints = 2;
constexpr std::int32_t kAuthorizedOperationsOmitted = INT32_MIN;
// Without access control every cluster operation is allowed: CREATE (5), ALTER (7),
// DESCRIBE (8), CLUSTER_ACTION (9), DESCRIBE_CONFIGS (10), ALTER_CONFIGS (11) and
// IDEMPOTENT_WRITE (12).
constexpr std::int32_t kAllClusterOperations
    = (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);

struct EndpointCheck
{
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
};

// This broker is its own controller, but it is asked as a broker: KIP-919 clients that want
// controllers must go to a controller listener, which there is none of.
EndpointCheck checkEndpointType(std::int16_t version, std::int8_t endpointType)
{
    if (endpointType != kBrokerEndpoints && endpointType != kControllerEndpoints) {
        return {version == 0 ? ErrorCode::InvalidRequest : ErrorCode::UnsupportedEndpointType,
            "Unsupported endpoint type " + std::to_string(endpointType)};
    }
    if (endpointType == kControllerEndpoints) {
        return {version == 0 ? ErrorCode::InvalidRequest : ErrorCode::MismatchedEndpointType,
            "The request was sent to an endpoint of type BROKER, but we wanted an endpoint of "
            "type CONTROLLER"};
    }
    return {};
}

void handleDescribeCluster(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    const bool includeAuthorizedOperations = body.boolean();
    const std::int8_t endpointType = v >= 1 ? body.i8() : kBrokerEndpoints;
    body.skipTags();

    const EndpointCheck check = checkEndpointType(v, endpointType);
    const bool ok = check.error == ErrorCode::None;
    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.i16(code(check.error));
    w.nullableString(check.message);
    if (v >= 1) {
        w.i8(kBrokerEndpoints);
    }
    w.string(ok ? state.config.clusterId : std::string());
    w.i32(ok ? state.config.nodeId : -1); // the controller
    w.arrayLength(ok ? 1 : 0);
    if (ok) {
        w.i32(state.config.nodeId);
        w.string(state.advertisedHost);
        w.i32(state.port);
        w.nullString(); // rack
        w.tags();
    }
    w.i32(ok && includeAuthorizedOperations ? kAllClusterOperations : kAuthorizedOperationsOmitted);
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kDescribeClusterApi {
    ApiKey::DescribeCluster, "DescribeCluster", 0, 1, 0, &handleDescribeCluster};

} // namespace chippy::broker
