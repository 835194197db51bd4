#include "api.h"
#include "broker_state.h"

namespace chippy::broker {
namespace {

struct CommitTopic
{
    std::string name;
    std::vector<std::int32_t> partitions;
};

void handleOffsetCommit(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    OffsetCommitRequest req;
    req.groupId = body.string();
    if (v >= 1) {
        req.generationId = body.i32();
        req.memberId = body.string();
    }
    if (v >= 7) {
        req.groupInstanceId = body.nullableString();
    }
    if (v >= 2 && v <= 4) {
        body.i64(); // retention time: offsets are kept until the group is forgotten
    }
    std::vector<CommitTopic> topics;
    // Index into req.partitions, or -1 for a partition that does not exist.
    std::vector<std::int64_t> slots;
    body.forEach([&] {
        CommitTopic t;
        t.name = body.string();
        Topic *topic = state.topics.find(t.name);
        body.forEach([&] {
            OffsetCommitRequest::Partition p;
            p.topic = t.name;
            p.partition = body.i32();
            p.offset = body.i64();
            if (v >= 6) {
                p.leaderEpoch = body.i32();
            }
            if (v == 1) {
                body.i64(); // commit timestamp: the broker stamps its own
            }
            p.metadata = body.nullableString();
            body.skipTags();
            t.partitions.push_back(p.partition);
            if (topic && topic->partition(p.partition)) {
                slots.push_back(static_cast<std::int64_t>(req.partitions.size()));
                req.partitions.push_back(std::move(p));
            } else {
                slots.push_back(-1);
            }
        });
        body.skipTags();
        topics.push_back(std::move(t));
    });
    body.skipTags();

    const std::vector<ErrorCode> errors = state.groups.commitOffsets(req);
    Writer w = respond.writer();
    if (v >= 3) {
        w.i32(0); // throttle time
    }
    std::size_t next = 0;
    w.arrayLength(topics.size());
    for (const auto &t : topics) {
        w.string(t.name);
        w.arrayLength(t.partitions.size());
        for (const std::int32_t partition : t.partitions) {
            const std::int64_t slot = slots[next++];
            w.i32(partition);
            w.i16(code(slot < 0 ? ErrorCode::UnknownTopicOrPartition
                                : errors[static_cast<std::size_t>(slot)]));
            w.tags();
        }
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kOffsetCommitApi {
    ApiKey::OffsetCommit, "OffsetCommit", 0, 8, 8, &handleOffsetCommit};

} // namespace chippy::broker
