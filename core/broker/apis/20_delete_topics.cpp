#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace chippy::broker {
namespace {

// From this version topics are named by name or by id, in a struct per topic.
constexpr std::int16_t kFirstVersionWithTopicIds = 6;

struct DeleteRequest
{
    std::optional<std::string> name;
    TopicId id {};
};

struct DeleteResult
{
    std::optional<std::string> name;
    TopicId id {};
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
};

bool isZero(const TopicId &id)
{
    return id == TopicId {};
}

const Topic *findById(const BrokerState &state, const TopicId &id)
{
    for (const auto &[name, topic] : state.topics.all()) {
        if (topic.id == id) {
            return &topic;
        }
    }
    return nullptr;
}

DeleteResult deleteTopic(BrokerState &state, const DeleteRequest &request)
{
    DeleteResult r;
    r.name = request.name;
    r.id = request.id;
    if (request.name && !isZero(request.id)) {
        r.error = ErrorCode::InvalidRequest;
        r.message = "name a topic by its name or by its id, not both";
        return r;
    }
    const Topic *topic = nullptr;
    if (request.name) {
        topic = state.topics.find(*request.name);
        if (!topic) {
            r.error = ErrorCode::UnknownTopicOrPartition;
            r.message = "topic " + *request.name + " does not exist";
            return r;
        }
    } else {
        topic = findById(state, request.id);
        if (!topic) {
            r.error = ErrorCode::UnknownTopicId;
            r.message = "no topic has that id";
            return r;
        }
    }
    const std::string name = topic->name;
    r.name = name;
    r.id = topic->id;
    const auto removed = state.topics.remove(name);
    if (removed.error != ErrorCode::None) {
        r.error = removed.error;
        r.message = removed.message;
        return r;
    }
    state.producers.forgetTopic(name);
    state.groups.onTopicDeleted(name);
    brokerLog().info("deleted topic {}", name);
    return r;
}

std::vector<DeleteRequest> readRequests(Reader &body, std::int16_t version)
{
    std::vector<DeleteRequest> requests;
    if (version >= kFirstVersionWithTopicIds) {
        body.forEach([&] {
            DeleteRequest d;
            d.name = body.nullableString();
            const auto id = body.raw(d.id.size());
            std::copy(id.begin(), id.end(), d.id.begin());
            body.skipTags();
            requests.push_back(std::move(d));
        });
    } else {
        body.forEach([&] { requests.push_back({body.string(), {}}); });
    }
    return requests;
}

void handleDeleteTopics(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto version = header.apiVersion;
    const auto requests = readRequests(body, version);
    body.i32(); // timeout: topics are gone before the answer leaves
    body.skipTags();

    std::map<std::string, int> mentions;
    for (const auto &request : requests) {
        if (request.name) {
            ++mentions[*request.name];
        }
    }
    std::set<std::string> answered;
    std::vector<DeleteResult> results;
    for (const auto &request : requests) {
        if (request.name && !answered.insert(*request.name).second) {
            continue;
        }
        if (request.name && mentions[*request.name] > 1) {
            results.push_back({request.name, request.id, ErrorCode::InvalidRequest,
                "topic " + *request.name + " appears more than once in the request"});
            continue;
        }
        results.push_back(deleteTopic(state, request));
    }

    Writer w = respond.writer();
    if (version >= 1) {
        w.i32(0); // throttle time
    }
    w.arrayLength(results.size());
    for (const auto &r : results) {
        if (version >= kFirstVersionWithTopicIds) {
            w.nullableString(r.name);
            w.raw(r.id);
        } else {
            w.string(r.name.value_or(std::string()));
        }
        w.i16(code(r.error));
        if (version >= 5) {
            w.nullableString(r.message);
        }
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kDeleteTopicsApi {
    ApiKey::DeleteTopics, "DeleteTopics", 0, 6, 4, &handleDeleteTopics};

} // namespace chippy::broker
