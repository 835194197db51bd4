#pragma once

#include "protocol/error_code.h"
#include "protocol/record_batch.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace chippy::broker {

// Idempotent producers: their ids and epochs, and the last few batch sequences per partition,
// so that a retried batch is recognised and answered with its first offset instead of being
// stored twice, and a batch that skips or repeats out of turn is refused.
class ProducerStateTable
{
public:
    // As many batches as a producer may have in flight per partition (librdkafka and the Java
    // client both cap max.in.flight at five when idempotence is on).
    static constexpr std::size_t kRememberedBatches = 5;
    // Kafka's producer.id.expiration.ms default: a producer silent this long is forgotten.
    static constexpr std::int64_t kExpirationMs = 24LL * 3600 * 1000;
    // The last usable epoch; past it a producer gets a new id (Kafka stops one short of max).
    static constexpr std::int16_t kLastEpoch = INT16_MAX - 1;

    struct ProducerIdAndEpoch
    {
        std::int64_t producerId = -1;
        std::int16_t epoch = -1;
    };

    struct Grant
    {
        ErrorCode error = ErrorCode::None;
        ProducerIdAndEpoch producer;
        std::string message;
    };

    struct Verdict
    {
        ErrorCode error = ErrorCode::None;
        std::optional<std::int64_t> duplicateOf; // base offset of the batch already stored
        std::string message;
        std::int64_t duplicateMaxTimestamp = -1; // max timestamp of the batch already stored
    };

    ProducerStateTable();

    // InitProducerId for an idempotent producer. Without current: a new id at epoch 0. With the
    // id and epoch a producer holds (KIP-360): the same id at the next epoch, which fences the
    // older one; a new id if this broker no longer knows it or its epochs are used up.
    Grant initProducer(std::optional<ProducerIdAndEpoch> current, std::int64_t nowMs);

    // Decides whether a batch may be appended; changes nothing.
    Verdict check(
        const std::string &topic, std::int32_t partition, const RecordBatchHeader &h) const;
    // Remembers a batch that was appended at baseOffset.
    void record(const std::string &topic, std::int32_t partition, const RecordBatchHeader &h,
        std::int64_t baseOffset, std::int64_t nowMs);
    // Drops every sequence kept for a topic (it was deleted; a new one may take its name).
    void forgetTopic(const std::string &topic);

    std::size_t producerCount() const { return m_producers.size(); }

    // Milliseconds on the monotonic clock that idle expiry is measured on.
    static std::int64_t nowMs();

    // sequence + increment, wrapping from INT32_MAX back to 0 as producers do.
    static std::int32_t addToSequence(std::int32_t sequence, std::int32_t increment);

private:
    struct Producer
    {
        std::int16_t epoch = 0;
        // The epoch before the last InitProducerId bump, so that a retried bump gets the
        // same answer instead of being fenced.
        std::int16_t previousEpoch = -1;
        std::int64_t lastSeenMs = 0;
    };
    struct StoredBatch
    {
        std::int32_t firstSequence;
        std::int32_t lastSequence;
        std::int64_t baseOffset;
        std::int64_t maxTimestamp;
    };
    struct PartitionSequences
    {
        std::int16_t epoch = 0;
        std::deque<StoredBatch> recent;
    };
    using Key = std::pair<std::int64_t, std::pair<std::string, std::int32_t>>;

    ProducerIdAndEpoch grantNewId(std::int64_t nowMs);
    void forgetProducer(std::int64_t producerId);
    void expireIdle(std::int64_t nowMs);

    std::int64_t m_nextProducerId;
    std::map<std::int64_t, Producer> m_producers;
    std::map<Key, PartitionSequences> m_sequences;
};

} // namespace chippy::broker
