#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <map>
#include <optional>
#include <set>
#include <vector>

namespace chippy::broker {
namespace {

struct PartitionsRequest
{
    std::string name;
    std::int32_t count = 0;
    // One broker list per new partition; nullopt lets the broker place them.
    std::optional<std::vector<std::vector<std::int32_t>>> assignments;
};

struct PartitionsResult
{
    std::string name;
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
};

PartitionsRequest readTopic(Reader &body)
{
    PartitionsRequest t;
    t.name = body.string();
    t.count = body.i32();
    const auto n = body.arrayLength();
    if (n >= 0) {
        t.assignments.emplace();
        for (std::int32_t i = 0; i < n; ++i) {
            std::vector<std::int32_t> brokers;
            body.forEach([&] { brokers.push_back(body.i32()); });
            body.skipTags();
            t.assignments->push_back(std::move(brokers));
        }
    }
    body.skipTags();
    return t;
}

std::optional<std::string> assignmentProblem(
    const PartitionsRequest &t, std::int32_t current, std::int32_t nodeId)
{
    if (!t.assignments || t.count <= current) {
        return std::nullopt; // the count check says what is wrong with a shrink
    }
    const auto added = static_cast<std::size_t>(t.count - current);
    if (t.assignments->size() != added) {
        return std::to_string(t.assignments->size()) + " assignments were given for "
            + std::to_string(added) + " new partitions";
    }
    for (const auto &brokers : *t.assignments) {
        if (brokers != std::vector<std::int32_t> {nodeId}) {
            return "new partitions must be assigned to broker " + std::to_string(nodeId)
                + " alone: it is the only broker of this cluster";
        }
    }
    return std::nullopt;
}

PartitionsResult addPartitions(BrokerState &state, const PartitionsRequest &t, bool validateOnly)
{
    PartitionsResult r;
    r.name = t.name;
    const Topic *topic = state.topics.find(t.name);
    if (!topic) {
        r.error = ErrorCode::UnknownTopicOrPartition;
        r.message = "topic " + t.name + " does not exist";
        return r;
    }
    const auto current = static_cast<std::int32_t>(topic->partitions.size());
    if (auto problem = assignmentProblem(t, current, state.config.nodeId)) {
        r.error = ErrorCode::InvalidReplicaAssignment;
        r.message = std::move(problem);
        return r;
    }
    const auto added = state.topics.addPartitions(t.name, t.count, validateOnly);
    if (added.error != ErrorCode::None) {
        r.error = added.error;
        r.message = added.message;
        return r;
    }
    if (!validateOnly) {
        brokerLog().info("topic {} grew from {} to {} partitions", t.name, current, t.count);
        state.groups.onPartitionsAdded(t.name);
    }
    return r;
}

void handleCreatePartitions(
    BrokerState &state, const RequestHeader &, Reader &body, Responder respond)
{
    std::vector<PartitionsRequest> requests;
    body.forEach([&] { requests.push_back(readTopic(body)); });
    body.i32(); // timeout: partitions exist before the answer leaves
    const bool validateOnly = body.boolean();
    body.skipTags();

    std::map<std::string, int> mentions;
    for (const auto &t : requests) {
        ++mentions[t.name];
    }
    std::set<std::string> answered;
    std::vector<PartitionsResult> results;
    for (const auto &t : requests) {
        if (!answered.insert(t.name).second) {
            continue;
        }
        if (mentions[t.name] > 1) {
            results.push_back({t.name, ErrorCode::InvalidRequest,
                "topic " + t.name + " appears more than once in the request"});
            continue;
        }
        results.push_back(addPartitions(state, t, validateOnly));
    }

    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.arrayLength(results.size());
    for (const auto &r : results) {
        w.string(r.name);
        w.i16(code(r.error));
        w.nullableString(r.message);
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kCreatePartitionsApi {
    ApiKey::CreatePartitions, "CreatePartitions", 0, 3, 2, &handleCreatePartitions};

} // namespace chippy::broker
