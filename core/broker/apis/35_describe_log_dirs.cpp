#include "api.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <vector>

namespace chippy::broker {
namespace {

// Kafka always names a log dir by its absolute path. A broker without a data directory keeps
// its logs in memory; a name that is not a path says so to the tools that list log dirs.
constexpr const char *kInMemoryLogDir = "memory";
constexpr std::int64_t kUnknownBytes = -1;

// Topic name to the partitions asked about; nullopt asks about every partition of every topic.
using Requested = std::optional<std::map<std::string, std::set<std::int32_t>>>;

struct PartitionSize
{
    std::int32_t index = 0;
    std::int64_t bytes = 0;
};

struct DiskSpace
{
    std::int64_t total = kUnknownBytes;
    std::int64_t usable = kUnknownBytes;
};

Requested readRequested(Reader &body)
{
    const auto n = body.arrayLength();
    Requested requested;
    if (n < 0) {
        return requested;
    }
    requested.emplace();
    for (std::int32_t i = 0; i < n; ++i) {
        auto &partitions = (*requested)[body.string()];
        body.forEach([&] { partitions.insert(body.i32()); });
        body.skipTags();
    }
    return requested;
}

// Like Kafka, only partitions this broker holds are described: unknown topics and partitions
// are left out rather than answered with an error.
std::vector<std::pair<std::string, std::vector<PartitionSize>>> describeTopics(
    const TopicRegistry &topics, const Requested &requested)
{
    std::vector<std::pair<std::string, std::vector<PartitionSize>>> described;
    for (const auto &[name, topic] : topics.all()) {
        const std::set<std::int32_t> *wanted = nullptr;
        if (requested) {
            const auto it = requested->find(name);
            if (it == requested->end()) {
                continue;
            }
            wanted = &it->second;
        }
        std::vector<PartitionSize> partitions;
        for (std::size_t i = 0; i < topic.partitions.size(); ++i) {
            const auto index = static_cast<std::int32_t>(i);
            if (!wanted || wanted->contains(index)) {
                partitions.push_back({index, topic.partitions[i]->sizeBytes()});
            }
        }
        if (!partitions.empty()) {
            described.emplace_back(name, std::move(partitions));
        }
    }
    return described;
}

DiskSpace diskSpace(const BrokerConfig &config)
{
    if (!config.persistent()) {
        return {};
    }
    std::error_code ec;
    const auto space = std::filesystem::space(config.dataDir, ec);
    if (ec) {
        return {};
    }
    return {static_cast<std::int64_t>(space.capacity), static_cast<std::int64_t>(space.available)};
}

std::string logDirName(const BrokerConfig &config)
{
    if (!config.persistent()) {
        return kInMemoryLogDir;
    }
    std::error_code ec;
    const auto dir = std::filesystem::absolute(config.dataDir, ec);
    return (ec ? config.dataDir : dir).lexically_normal().string();
}

void handleDescribeLogDirs(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    const Requested requested = readRequested(body);
    body.skipTags();

    Writer w = respond.writer();
    w.i32(0); // throttle time
    if (v >= 3) {
        w.i16(code(ErrorCode::None));
    }
    w.arrayLength(1);
    w.i16(code(ErrorCode::None));
    w.string(logDirName(state.config));
    const auto topics = describeTopics(state.topics, requested);
    w.arrayLength(topics.size());
    for (const auto &[name, partitions] : topics) {
        w.string(name);
        w.arrayLength(partitions.size());
        for (const auto &p : partitions) {
            w.i32(p.index);
            w.i64(p.bytes);
            w.i64(0); // offset lag: the only replica is never behind
            w.boolean(false); // future log: logs never move between directories
            w.tags();
        }
        w.tags();
    }
    if (v >= 4) {
        const DiskSpace space = diskSpace(state.config);
        w.i64(space.total);
        w.i64(space.usable);
    }
    w.tags();
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kDescribeLogDirsApi {
    ApiKey::DescribeLogDirs, "DescribeLogDirs", 0, 4, 2, &handleDescribeLogDirs};

} // namespace chippy::broker
