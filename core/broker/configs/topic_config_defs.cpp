#include "topic_config_defs.h"

#include <algorithm>
#include <array>
#include <limits>

namespace chippy::broker {
namespace {

constexpr std::int64_t kLongMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMinSegmentBytes = 1024;
constexpr std::int64_t kLargestDecompressedRecord = 2147483639;
constexpr std::int64_t kLowestZstdLevel = -131072;

using T = ConfigType;
using C = ValueCheck;

// Names, types, defaults and ranges are Apache Kafka 4.4's (LogConfig), so that a client
// that sets any of them gets the answer a Kafka broker would give. The one difference:
// segment.bytes goes down to 1 KiB (Kafka: 1 MiB) so that small demos and tests roll
// segments without Kafka's internal.segment.bytes.
constexpr std::array kDefs {
    TopicConfigDef {"cleanup.policy", T::List, "log.cleanup.policy", "delete", C::CleanupPolicy, 0,
        0, "compact,delete", true, false,
        "What happens to old log segments: 'delete' removes them once they are past "
        "retention.ms or retention.bytes; an empty list keeps them for ever. Compaction is not "
        "supported."},
    TopicConfigDef {"compression.gzip.level", T::Int, "compression.gzip.level", "-1",
        C::AtLeastOrMinusOne, 1, 9, {}, false, false,
        "The gzip level a broker recompressing to gzip would use. Accepted and reported; "
        "this broker keeps batches as the producer compressed them."},
    TopicConfigDef {"compression.lz4.level", T::Int, "compression.lz4.level", "9", C::Between, 1,
        17, {}, false, false,
        "The lz4 level a broker recompressing to lz4 would use. Accepted and reported; "
        "this broker keeps batches as the producer compressed them."},
    TopicConfigDef {"compression.type", T::String, "compression.type", "producer", C::OneOf, 0, 0,
        "uncompressed,zstd,lz4,snappy,gzip,producer", false, false,
        "The compression of stored batches. Accepted and reported; this broker keeps batches "
        "as the producer compressed them, as 'producer' does."},
    TopicConfigDef {"compression.zstd.level", T::Int, "compression.zstd.level", "3", C::Between,
        kLowestZstdLevel, 22, {}, false, false,
        "The zstd level a broker recompressing to zstd would use. Accepted and reported; "
        "this broker keeps batches as the producer compressed them."},
    TopicConfigDef {"delete.retention.ms", T::Long, "log.cleaner.delete.retention.ms", "86400000",
        C::AtLeast, 0, 0, {}, false, false,
        "How long tombstones outlive compaction. Accepted and reported; this broker does not "
        "compact."},
    TopicConfigDef {"errors.deadletterqueue.group.enable", T::Boolean, {}, "false", C::None, 0, 0,
        {}, false, false,
        "Whether share groups may write undeliverable records here. Accepted and reported; "
        "this broker has no share groups."},
    TopicConfigDef {"file.delete.delay.ms", T::Long, "log.segment.delete.delay.ms", "60000",
        C::AtLeast, 0, 0, {}, false, false,
        "How long a deleted segment's files linger. Accepted and reported; this broker "
        "removes them at once."},
    TopicConfigDef {"flush.messages", T::Long, "log.flush.interval.messages", "9223372036854775807",
        C::AtLeast, 1, 0, {}, false, false,
        "Records between forced syncs to disk. Accepted and reported; this broker syncs every "
        "append with --fsync and otherwise leaves it to the operating system."},
    TopicConfigDef {"flush.ms", T::Long, "log.flush.interval.ms", "9223372036854775807", C::AtLeast,
        0, 0, {}, false, false,
        "Milliseconds between forced syncs to disk. Accepted and reported; this broker syncs "
        "every append with --fsync and otherwise leaves it to the operating system."},
    TopicConfigDef {"follower.replication.throttled.replicas", T::List, {}, "",
        C::ThrottledReplicas, 0, 0, {}, false, false,
        "Replicas whose follower traffic is throttled, as PARTITION:BROKER pairs or '*'. "
        "Accepted and reported; this single broker replicates nothing."},
    TopicConfigDef {"index.interval.bytes", T::Int, "log.index.interval.bytes", "4096", C::AtLeast,
        0, 0, {}, false, false,
        "Bytes between offset index entries. Accepted and reported; this broker spaces its "
        "index entries itself."},
    TopicConfigDef {"internal.segment.bytes", T::Int, {}, "", C::None, 0, 0, {}, true, true,
        "Kafka's test-only segment size, used instead of segment.bytes when set."},
    TopicConfigDef {"leader.replication.throttled.replicas", T::List, {}, "", C::ThrottledReplicas,
        0, 0, {}, false, false,
        "Replicas whose leader traffic is throttled, as PARTITION:BROKER pairs or '*'. "
        "Accepted and reported; this single broker replicates nothing."},
    TopicConfigDef {"local.retention.bytes", T::Long, "log.local.retention.bytes", "-2", C::AtLeast,
        -2, 0, {}, false, false,
        "Local retention size under tiered storage; -2 uses retention.bytes. Accepted and "
        "reported; this broker has no tiered storage."},
    TopicConfigDef {"local.retention.ms", T::Long, "log.local.retention.ms", "-2", C::AtLeast, -2,
        0, {}, false, false,
        "Local retention time under tiered storage; -2 uses retention.ms. Accepted and "
        "reported; this broker has no tiered storage."},
    TopicConfigDef {"max.compaction.lag.ms", T::Long, "log.cleaner.max.compaction.lag.ms",
        "9223372036854775807", C::AtLeast, 1, 0, {}, false, false,
        "The longest a record may wait before compaction. Accepted and reported; this broker "
        "does not compact."},
    TopicConfigDef {"max.decompressed.message.bytes", T::Int, "max.decompressed.message.bytes",
        "2147483639", C::Between, 1, kLargestDecompressedRecord, {}, false, false,
        "The largest record after decompression. Accepted and reported; this broker does not "
        "decompress what it stores."},
    TopicConfigDef {"max.message.bytes", T::Int, "message.max.bytes", "1048588", C::AtLeast, 0, 0,
        {}, true, false, "The largest record batch the topic accepts, in bytes."},
    TopicConfigDef {"message.timestamp.after.max.ms", T::Long, "log.message.timestamp.after.max.ms",
        "3600000", C::AtLeast, 0, 0, {}, false, false,
        "How far in the future a record's timestamp may be. Accepted and reported; this "
        "broker takes any timestamp."},
    TopicConfigDef {"message.timestamp.before.max.ms", T::Long,
        "log.message.timestamp.before.max.ms", "9223372036854775807", C::AtLeast, 0, 0, {}, false,
        false,
        "How far in the past a record's timestamp may be. Accepted and reported; this broker "
        "takes any timestamp."},
    TopicConfigDef {"message.timestamp.type", T::String, "log.message.timestamp.type", "CreateTime",
        C::OneOf, 0, 0, "CreateTime,LogAppendTime", false, false,
        "Whether records keep the producer's time or get the broker's. Accepted and reported; "
        "this broker keeps the producer's time."},
    TopicConfigDef {"min.cleanable.dirty.ratio", T::Double, "log.cleaner.min.cleanable.ratio",
        "0.5", C::Fraction, 0, 1, {}, false, false,
        "How much of a log must be uncompacted before compaction runs. Accepted and reported; "
        "this broker does not compact."},
    TopicConfigDef {"min.compaction.lag.ms", T::Long, "log.cleaner.min.compaction.lag.ms", "0",
        C::AtLeast, 0, 0, {}, false, false,
        "The least time a record stays uncompacted. Accepted and reported; this broker does "
        "not compact."},
    TopicConfigDef {"min.insync.replicas", T::Int, "min.insync.replicas", "1", C::AtLeast, 1, 0, {},
        false, false,
        "Replicas that must have a write before acks=all succeeds. Accepted and reported; "
        "every partition here has one replica, which takes every write."},
    TopicConfigDef {"preallocate", T::Boolean, "log.preallocate", "false", C::None, 0, 0, {}, false,
        false,
        "Whether a new segment's file is allocated in full. Accepted and reported; this "
        "broker grows segment files as records arrive."},
    TopicConfigDef {"remote.copy.lag.bytes", T::Long, "log.remote.copy.lag.bytes", "-1", C::AtLeast,
        -1, 0, {}, false, false,
        "Bytes a segment waits before upload to tiered storage. Accepted and reported; this "
        "broker has no tiered storage."},
    TopicConfigDef {"remote.copy.lag.ms", T::Long, "log.remote.copy.lag.ms", "0", C::AtLeast, -1, 0,
        {}, false, false,
        "Time a segment waits before upload to tiered storage. Accepted and reported; this "
        "broker has no tiered storage."},
    TopicConfigDef {"remote.log.copy.disable", T::Boolean, {}, "false", C::None, 0, 0, {}, false,
        false,
        "Stops uploads to tiered storage. Accepted and reported; this broker has no tiered "
        "storage."},
    TopicConfigDef {"remote.log.delete.on.disable", T::Boolean, {}, "false", C::None, 0, 0, {},
        false, false,
        "Deletes remote segments when tiered storage is turned off. Accepted and reported; "
        "this broker has no tiered storage."},
    TopicConfigDef {"remote.storage.enable", T::Boolean, {}, "false", C::LocalOnlyStorage, 0, 0, {},
        false, false,
        "Whether the topic uses tiered storage. Only false: this broker has no tiered "
        "storage."},
    TopicConfigDef {"retention.bytes", T::Long, "log.retention.bytes", "-1", C::None, 0, 0, {},
        true, false,
        "How large a partition may grow before its oldest segments are deleted; a negative "
        "value for no limit."},
    TopicConfigDef {"retention.ms", T::Long, "log.retention.ms", "604800000", C::AtLeast, -1, 0, {},
        true, false,
        "How long a segment is kept after its newest record before it is deleted; -1 to keep "
        "records forever."},
    TopicConfigDef {"segment.bytes", T::Int, "log.segment.bytes", "1073741824", C::AtLeast,
        kMinSegmentBytes, 0, {}, true, false,
        "The size at which a partition starts a new segment; retention deletes whole "
        "segments."},
    TopicConfigDef {"segment.index.bytes", T::Int, "log.index.size.max.bytes", "10485760",
        C::AtLeast, 4, 0, {}, false, false,
        "The size of a segment's offset index. Accepted and reported; this broker sizes its "
        "indexes itself."},
    TopicConfigDef {"segment.jitter.ms", T::Long, "log.roll.jitter.ms", "0", C::AtLeast, 0, 0, {},
        false, false,
        "Random time taken off segment.ms. Accepted and reported; this broker rolls segments "
        "by size only."},
    TopicConfigDef {"segment.ms", T::Long, "log.roll.ms", "604800000", C::AtLeast, 1, 0, {}, false,
        false,
        "The age at which a segment is rolled. Accepted and reported; this broker rolls "
        "segments by size only."},
    TopicConfigDef {"unclean.leader.election.enable", T::Boolean, "unclean.leader.election.enable",
        "false", C::None, 0, 0, {}, false, false,
        "Whether an out-of-sync replica may become leader. Accepted and reported; the single "
        "replica here is always in sync."},
};

static_assert(std::is_sorted(kDefs.begin(), kDefs.end(),
    [](const TopicConfigDef &a, const TopicConfigDef &b) { return a.name < b.name; }));

} // namespace

std::span<const TopicConfigDef> topicConfigDefs()
{
    return kDefs;
}

const TopicConfigDef *findTopicConfigDef(std::string_view name)
{
    const auto it = std::lower_bound(kDefs.begin(), kDefs.end(), name,
        [](const TopicConfigDef &d, std::string_view n) { return d.name < n; });
    return it != kDefs.end() && it->name == name ? &*it : nullptr;
}

} // namespace chippy::broker
