#include "api.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <optional>
#include <vector>

namespace chippy::broker {
namespace {

constexpr std::int32_t kUnknownAuthorizedOperations = INT32_MIN;

void writePartitions(Writer &w, std::int16_t version, const Topic &topic, std::int32_t nodeId)
{
    w.arrayLength(topic.partitions.size());
    for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
        w.i16(0);
        w.i32(static_cast<std::int32_t>(i));
        w.i32(nodeId);
        if (version >= 7) {
            w.i32(0); // leader epoch
        }
        w.arrayLength(1); // replicas
        w.i32(nodeId);
        w.arrayLength(1); // in-sync replicas
        w.i32(nodeId);
        if (version >= 5) {
            w.arrayLength(0); // offline replicas
        }
        w.tags();
    }
}

void writeTopic(Writer &w, std::int16_t version, ErrorCode error, const std::string &name,
    const Topic *topic, std::int32_t nodeId)
{
    w.i16(code(error));
    w.string(name);
    if (version >= 10) {
        const TopicId zero {};
        w.raw(topic ? topic->id : zero);
    }
    if (version >= 1) {
        w.boolean(false); // internal
    }
    if (topic) {
        writePartitions(w, version, *topic, nodeId);
    } else {
        w.arrayLength(0);
    }
    if (version >= 8) {
        w.i32(kUnknownAuthorizedOperations);
    }
    w.tags();
}

void handleMetadata(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto version = header.apiVersion;
    // nullopt: every topic
    std::optional<std::vector<std::string>> requested;
    const std::int32_t n = body.arrayLength();
    if (n >= 0) {
        requested.emplace();
        for (std::int32_t i = 0; i < n; ++i) {
            if (version >= 10) {
                body.skip(16); // topic id; we look topics up by name
            }
            auto name = version >= 10 ? body.nullableString() : std::optional(body.string());
            body.skipTags();
            if (name) {
                requested->push_back(std::move(*name));
            }
        }
    }
    if (version == 0 && requested && requested->empty()) {
        requested.reset(); // in v0 an empty list means every topic
    }
    bool allowAutoCreate = true;
    if (version >= 4) {
        allowAutoCreate = body.boolean();
    }
    if (version >= 8 && version <= 10) {
        body.boolean(); // include cluster authorized operations
    }
    if (version >= 8) {
        body.boolean(); // include topic authorized operations
    }
    body.skipTags();

    const std::int32_t nodeId = state.config.nodeId;
    Writer w = respond.writer();
    if (version >= 3) {
        w.i32(0); // throttle time
    }
    w.arrayLength(1);
    w.i32(nodeId);
    w.string(state.advertisedHost);
    w.i32(state.port);
    if (version >= 1) {
        w.nullString(); // rack
    }
    w.tags();
    if (version >= 2) {
        w.string(state.config.clusterId);
    }
    if (version >= 1) {
        w.i32(nodeId); // the controller: admin requests go here
    }
    if (!requested) {
        w.arrayLength(state.topics.all().size());
        for (const auto &[name, topic] : state.topics.all()) {
            writeTopic(w, version, ErrorCode::None, name, &topic, nodeId);
        }
    } else {
        w.arrayLength(requested->size());
        for (const auto &name : *requested) {
            if (TopicRegistry::invalidNameReason(name)) {
                writeTopic(w, version, ErrorCode::InvalidTopicException, name, nullptr, nodeId);
                continue;
            }
            Topic *topic = allowAutoCreate ? state.findOrAutoCreate(name) : state.topics.find(name);
            writeTopic(w, version, topic ? ErrorCode::None : ErrorCode::UnknownTopicOrPartition,
                name, topic, nodeId);
        }
    }
    if (version >= 8 && version <= 10) {
        w.i32(kUnknownAuthorizedOperations);
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kMetadataApi {ApiKey::Metadata, "Metadata", 0, 12, 9, &handleMetadata};

} // namespace chippy::broker
