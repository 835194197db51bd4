#include "api.h"
#include "protocol/error_code.h"

namespace chippy::broker {
namespace {

// A single broker holds the only replica of every partition, so no partition is ever being
// moved: the answer is always an empty list, whichever topics were asked about.
void handleListPartitionReassignments(
    BrokerState &, const RequestHeader &, Reader &body, Responder respond)
{
    body.i32(); // timeout
    body.forEach([&] {
        body.string(); // topic
        body.forEach([&] { body.i32(); });
        body.skipTags();
    });
    body.skipTags();

    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.i16(code(ErrorCode::None));
    w.nullString(); // error message
    w.arrayLength(0); // topics
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kListPartitionReassignmentsApi {ApiKey::ListPartitionReassignments,
    "ListPartitionReassignments", 0, 0, 0, &handleListPartitionReassignments};

} // namespace chippy::broker
