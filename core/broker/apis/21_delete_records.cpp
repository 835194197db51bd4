#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <vector>

namespace chippy::broker {
namespace {

// The offset that asks to delete everything up to the high watermark.
constexpr std::int64_t kHighWatermark = -1;

struct PartitionResult
{
    std::int32_t index = 0;
    std::int64_t lowWatermark = -1;
    ErrorCode error = ErrorCode::None;
};

PartitionResult deleteBefore(Topic *topic, std::int32_t index, std::int64_t offset)
{
    PartitionResult r {index};
    PartitionLog *log = topic ? topic->partition(index) : nullptr;
    if (!log) {
        r.error = ErrorCode::UnknownTopicOrPartition;
        return r;
    }
    // With a single replica every appended record is committed: the log end is the high
    // watermark.
    const std::int64_t highWatermark = log->logEndOffset();
    if (offset == kHighWatermark) {
        offset = highWatermark;
    }
    if (offset < 0 || offset > highWatermark) {
        // Like Kafka, a refused deletion tells no low watermark (the -1 set above).
        r.error = ErrorCode::OffsetOutOfRange;
        return r;
    }
    const auto before = log->logStartOffset();
    log->truncateBefore(offset);
    r.lowWatermark = log->logStartOffset();
    if (r.lowWatermark != before) {
        brokerLog().info("{}-{} now starts at offset {}", topic->name, index, r.lowWatermark);
    }
    return r;
}

void handleDeleteRecords(BrokerState &state, const RequestHeader &, Reader &body, Responder respond)
{
    std::vector<std::pair<std::string, std::vector<PartitionResult>>> results;
    body.forEach([&] {
        auto name = body.string();
        Topic *topic = state.topics.find(name);
        std::vector<PartitionResult> partitions;
        body.forEach([&] {
            const auto index = body.i32();
            const auto offset = body.i64();
            body.skipTags();
            partitions.push_back(deleteBefore(topic, index, offset));
        });
        body.skipTags();
        results.emplace_back(std::move(name), std::move(partitions));
    });
    body.i32(); // timeout: the log start moves before the answer leaves
    body.skipTags();

    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.arrayLength(results.size());
    for (const auto &[name, partitions] : results) {
        w.string(name);
        w.arrayLength(partitions.size());
        for (const auto &p : partitions) {
            w.i32(p.index);
            w.i64(p.lowWatermark);
            w.i16(code(p.error));
            w.tags();
        }
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kDeleteRecordsApi {
    ApiKey::DeleteRecords, "DeleteRecords", 0, 2, 2, &handleDeleteRecords};

} // namespace chippy::broker
