#include "api.h"
#include "protocol/error_code.h"

namespace chippy::broker {
namespace {

// There is no authorizer, so there are no ACLs to describe. Kafka answers this way when
// none is configured, and admin tools show it as "security disabled" rather than a failure.
constexpr const char *kNoAuthorizer = "no authorizer is configured on this broker";

void handleDescribeAcls(BrokerState &, const RequestHeader &header, Reader &body, Responder respond)
{
    body.i8(); // resource type
    body.nullableString(); // resource name
    if (header.apiVersion >= 1) {
        body.i8(); // pattern type
    }
    body.nullableString(); // principal
    body.nullableString(); // host
    body.i8(); // operation
    body.i8(); // permission type
    body.skipTags();

    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.i16(code(ErrorCode::SecurityDisabled));
    w.string(kNoAuthorizer);
    w.arrayLength(0); // resources
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kDescribeAclsApi {
    ApiKey::DescribeAcls, "DescribeAcls", 0, 3, 2, &handleDescribeAcls};

} // namespace chippy::broker
