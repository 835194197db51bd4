#include "producer_recovery.h"

#include "log/topic_registry.h"
#include "producer_state.h"
#include "protocol/record_batch.h"

#include <algorithm>
#include <span>
#include <vector>

namespace chippy::broker {
namespace {

// How much of the end of each partition is read back. A producer's retries concern its last
// few batches, which sit well within this.
constexpr std::int64_t kTailBytes = 1 << 20;

// Where to start reading so that about kTailBytes remain to the log end.
std::int64_t tailStart(const PartitionLog &log)
{
    const std::int64_t records = log.logEndOffset() - log.logStartOffset();
    if (records <= 0 || log.sizeBytes() <= kTailBytes) {
        return log.logStartOffset();
    }
    const std::int64_t bytesPerRecord = std::max<std::int64_t>(1, log.sizeBytes() / records);
    return std::max(log.logStartOffset(), log.logEndOffset() - kTailBytes / bytesPerRecord);
}

void replayTail(ProducerStateTable &table, const std::string &topic, std::int32_t partition,
    const PartitionLog &log, std::int64_t nowMs)
{
    std::vector<std::uint8_t> chunk;
    std::int64_t offset = tailStart(log);
    while (offset < log.logEndOffset()) {
        chunk.clear();
        log.read(offset, kTailBytes, chunk, true);
        if (chunk.empty()) {
            return;
        }
        const std::int64_t before = offset;
        std::size_t pos = 0;
        while (pos + RecordBatchHeader::kSize <= chunk.size()) {
            const auto h = RecordBatchHeader::parse(std::span(chunk).subspan(pos));
            if (h.totalSize() < RecordBatchHeader::kSize) {
                return;
            }
            if (h.lastOffset() >= offset) {
                table.record(topic, partition, h, h.baseOffset, nowMs);
                offset = h.lastOffset() + 1;
            }
            pos += h.totalSize();
        }
        if (offset == before) {
            return;
        }
    }
}

} // namespace

void recoverProducerState(ProducerStateTable &table, const TopicRegistry &topics)
{
    const std::int64_t now = ProducerStateTable::nowMs();
    for (const auto &[name, topic] : topics.all()) {
        for (std::size_t p = 0; p < topic.partitions.size(); ++p) {
            replayTail(table, name, static_cast<std::int32_t>(p), *topic.partitions[p], now);
        }
    }
}

} // namespace chippy::broker
