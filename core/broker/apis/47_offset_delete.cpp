#include "api.h"
#include "broker_state.h"

#include <vector>

namespace chippy::broker {
namespace {

struct PartitionSlot
{
    std::int32_t partition = 0;
    // Index into the partitions handed to the coordinator; -1 for one that does not exist.
    std::int64_t slot = -1;
};

struct RequestedTopic
{
    std::string name;
    std::vector<PartitionSlot> partitions;
};

void handleOffsetDelete(BrokerState &state, const RequestHeader &, Reader &body, Responder respond)
{
    const std::string groupId = body.string();
    std::vector<RequestedTopic> topics;
    std::vector<TopicPartitionKey> existing;
    body.forEach([&] {
        RequestedTopic t;
        t.name = body.string();
        Topic *topic = state.topics.find(t.name);
        body.forEach([&] {
            PartitionSlot p;
            p.partition = body.i32();
            if (topic && topic->partition(p.partition)) {
                p.slot = static_cast<std::int64_t>(existing.size());
                existing.emplace_back(t.name, p.partition);
            }
            t.partitions.push_back(p);
        });
        topics.push_back(std::move(t));
    });

    const OffsetDeleteResult result = state.groups.deleteOffsets(groupId, existing);
    Writer w = respond.writer();
    w.i16(code(result.error));
    w.i32(0); // throttle time
    if (result.error != ErrorCode::None) {
        w.arrayLength(0);
        respond.send(std::move(w));
        return;
    }
    w.arrayLength(topics.size());
    for (const auto &t : topics) {
        w.string(t.name);
        w.arrayLength(t.partitions.size());
        for (const auto &p : t.partitions) {
            w.i32(p.partition);
            w.i16(code(p.slot < 0 ? ErrorCode::UnknownTopicOrPartition
                                  : result.partitionErrors[static_cast<std::size_t>(p.slot)]));
        }
    }
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kOffsetDeleteApi {
    ApiKey::OffsetDelete, "OffsetDelete", 0, 0, ApiSpec::kNeverFlexible, &handleOffsetDelete};

} // namespace chippy::broker
