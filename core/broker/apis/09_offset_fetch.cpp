#include "api.h"
#include "broker_state.h"

namespace chippy::broker {
namespace {

constexpr std::int16_t kFirstMultiGroupVersion = 8;

using TopicPartitions = GroupCoordinator::TopicPartitions;

// nullopt for a null array: every committed offset of the group.
std::optional<TopicPartitions> decodeTopics(Reader &body)
{
    const std::int32_t n = body.arrayLength();
    if (n < 0) {
        return std::nullopt;
    }
    TopicPartitions topics;
    for (std::int32_t i = 0; i < n; ++i) {
        auto name = body.string();
        std::vector<std::int32_t> partitions;
        body.forEach([&] { partitions.push_back(body.i32()); });
        body.skipTags();
        topics.emplace_back(std::move(name), std::move(partitions));
    }
    return topics;
}

void writeTopics(Writer &w, std::int16_t v, const std::vector<FetchedOffset> &offsets)
{
    // The coordinator answers in request order, or sorted for all offsets: runs of a topic.
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        if (runs.empty() || offsets[runs.back().first].topic != offsets[i].topic) {
            runs.emplace_back(i, i);
        }
        runs.back().second = i + 1;
    }
    w.arrayLength(runs.size());
    for (const auto &[begin, end] : runs) {
        w.string(offsets[begin].topic);
        w.arrayLength(end - begin);
        for (std::size_t i = begin; i < end; ++i) {
            const auto &o = offsets[i];
            w.i32(o.partition);
            w.i64(o.offset);
            if (v >= 5) {
                w.i32(o.leaderEpoch);
            }
            w.nullableString(o.metadata);
            w.i16(code(o.error));
            w.tags();
        }
        w.tags();
    }
}

void handleOffsetFetch(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    std::vector<std::pair<std::string, std::optional<TopicPartitions>>> groups;
    if (v < kFirstMultiGroupVersion) {
        auto groupId = body.string();
        groups.emplace_back(std::move(groupId), decodeTopics(body));
    } else {
        body.forEach([&] {
            auto groupId = body.string();
            groups.emplace_back(std::move(groupId), decodeTopics(body));
            body.skipTags();
        });
    }
    if (v >= 7) {
        body.boolean(); // require stable: no offsets are ever pending a transaction here
    }
    body.skipTags();

    Writer w = respond.writer();
    if (v >= 3) {
        w.i32(0); // throttle time
    }
    if (v < kFirstMultiGroupVersion) {
        const auto &[groupId, topics] = groups.front();
        writeTopics(w, v, state.groups.fetchOffsets(groupId, topics));
        if (v >= 2) {
            w.i16(code(ErrorCode::None));
        }
    } else {
        w.arrayLength(groups.size());
        for (const auto &[groupId, topics] : groups) {
            w.string(groupId);
            writeTopics(w, v, state.groups.fetchOffsets(groupId, topics));
            w.i16(code(ErrorCode::None));
            w.tags();
        }
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kOffsetFetchApi {
    ApiKey::OffsetFetch, "OffsetFetch", 0, 8, 6, &handleOffsetFetch};

} // namespace chippy::broker
