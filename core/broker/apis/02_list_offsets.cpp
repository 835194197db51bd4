#include "api.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <vector>

namespace chippy::broker {
namespace {

constexpr std::int64_t kLatest = -1;
constexpr std::int64_t kEarliest = -2;
constexpr std::int64_t kMaxTimestamp = -3; // v7 (KIP-734): the record with the newest timestamp
constexpr std::int16_t kFirstMaxTimestampVersion = 7;
// Partitions keep their first leader epoch: one broker, no leader changes.
constexpr std::int32_t kLeaderEpoch = 0;
constexpr std::int32_t kNoLeaderEpoch = -1;

struct Answer
{
    std::int32_t index;
    ErrorCode error = ErrorCode::None;
    std::int64_t timestamp = -1;
    std::int64_t offset = -1;
};

Answer lookUp(Topic *topic, std::int32_t index, std::int64_t timestamp, std::int16_t version)
{
    Answer a {index};
    PartitionLog *log = topic ? topic->partition(index) : nullptr;
    if (!log) {
        a.error = ErrorCode::UnknownTopicOrPartition;
        return a;
    }
    if (timestamp == kLatest) {
        a.offset = log->logEndOffset();
    } else if (timestamp == kEarliest) {
        a.offset = log->logStartOffset();
    } else if (timestamp == kMaxTimestamp && version >= kFirstMaxTimestampVersion) {
        if (const auto found = log->newestRecord()) {
            a.offset = found->offset;
            a.timestamp = found->timestamp;
        }
    } else if (timestamp < 0) {
        a.error = ErrorCode::UnsupportedVersion;
    } else if (const auto found = log->offsetForTimestamp(timestamp)) {
        a.offset = found->offset;
        a.timestamp = found->timestamp;
    }
    return a;
}

void handleListOffsets(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    body.i32(); // replica id
    if (v >= 2) {
        body.i8(); // isolation level
    }
    std::vector<std::pair<std::string, std::vector<Answer>>> results;
    body.forEach([&] {
        auto name = body.string();
        Topic *topic = state.topics.find(name);
        std::vector<Answer> answers;
        body.forEach([&] {
            const auto index = body.i32();
            if (v >= 4) {
                body.i32(); // current leader epoch
            }
            const auto timestamp = body.i64();
            if (v == 0) {
                body.i32(); // max number of offsets
            }
            body.skipTags();
            answers.push_back(lookUp(topic, index, timestamp, v));
        });
        body.skipTags();
        results.emplace_back(std::move(name), std::move(answers));
    });
    body.skipTags();

    Writer w = respond.writer();
    if (v >= 2) {
        w.i32(0); // throttle time
    }
    w.arrayLength(results.size());
    for (const auto &[name, answers] : results) {
        w.string(name);
        w.arrayLength(answers.size());
        for (const auto &a : answers) {
            w.i32(a.index);
            w.i16(code(a.error));
            if (v == 0) {
                if (a.offset >= 0) {
                    w.arrayLength(1);
                    w.i64(a.offset);
                } else {
                    w.arrayLength(0);
                }
            } else {
                w.i64(a.timestamp);
                w.i64(a.offset);
                if (v >= 4) {
                    // Kafka gives an epoch only with an offset found.
                    const bool found = a.error == ErrorCode::None && a.offset >= 0;
                    w.i32(found ? kLeaderEpoch : kNoLeaderEpoch);
                }
            }
            w.tags();
        }
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kListOffsetsApi {
    ApiKey::ListOffsets, "ListOffsets", 0, 7, 6, &handleListOffsets};

} // namespace chippy::broker
