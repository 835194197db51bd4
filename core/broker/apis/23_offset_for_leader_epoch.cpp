#include "api.h"
#include "broker_state.h"

#include <vector>

namespace chippy::broker {
namespace {

// This broker has led every partition since its creation, in the one epoch that Metadata,
// ListOffsets and Fetch report.
constexpr std::int32_t kLeaderEpoch = 0;
constexpr std::int32_t kNoEpoch = -1;
constexpr std::int64_t kNoOffset = -1;

struct EpochEndOffset
{
    std::int32_t partition = 0;
    ErrorCode error = ErrorCode::None;
    std::int32_t leaderEpoch = kNoEpoch;
    std::int64_t endOffset = kNoOffset;
};

EpochEndOffset endOffsetFor(
    Topic *topic, std::int32_t partition, std::int32_t currentLeaderEpoch, std::int32_t epoch)
{
    EpochEndOffset e {partition};
    PartitionLog *log = topic ? topic->partition(partition) : nullptr;
    if (!log) {
        e.error = ErrorCode::UnknownTopicOrPartition;
        return e;
    }
    // The client's view of the leader, when it sends one, must be this broker's.
    if (currentLeaderEpoch != kNoEpoch && currentLeaderEpoch != kLeaderEpoch) {
        e.error = currentLeaderEpoch > kLeaderEpoch ? ErrorCode::UnknownLeaderEpoch
                                                    : ErrorCode::FencedLeaderEpoch;
        return e;
    }
    // An epoch this broker has not reached yet cannot have ended either: everything written
    // so far still counts, so a consumer validating its position finds no truncation.
    if (epoch >= kLeaderEpoch) {
        e.leaderEpoch = kLeaderEpoch;
        e.endOffset = log->logEndOffset();
    }
    return e;
}

void handleOffsetForLeaderEpoch(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    if (v >= 3) {
        body.i32(); // replica id: a consumer and a follower get the same answer
    }
    std::vector<std::pair<std::string, std::vector<EpochEndOffset>>> results;
    body.forEach([&] {
        auto name = body.string();
        Topic *topic = state.topics.find(name);
        std::vector<EpochEndOffset> partitions;
        body.forEach([&] {
            const auto partition = body.i32();
            const auto currentLeaderEpoch = v >= 2 ? body.i32() : kNoEpoch;
            const auto epoch = body.i32();
            body.skipTags();
            partitions.push_back(endOffsetFor(topic, partition, currentLeaderEpoch, epoch));
        });
        body.skipTags();
        results.emplace_back(std::move(name), std::move(partitions));
    });
    body.skipTags();

    Writer w = respond.writer();
    if (v >= 2) {
        w.i32(0); // throttle time
    }
    w.arrayLength(results.size());
    for (const auto &[name, partitions] : results) {
        w.string(name);
        w.arrayLength(partitions.size());
        for (const auto &e : partitions) {
            w.i16(code(e.error));
            w.i32(e.partition);
            if (v >= 1) {
                w.i32(e.leaderEpoch);
            }
            w.i64(e.endOffset);
            w.tags();
        }
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kOffsetForLeaderEpochApi {
    ApiKey::OffsetForLeaderEpoch, "OffsetForLeaderEpoch", 0, 4, 4, &handleOffsetForLeaderEpoch};

} // namespace chippy::broker
