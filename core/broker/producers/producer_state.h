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

// Idempotent producers: ids, epochs and the last few batch sequences per partition, so that
// a retried batch is recognised and not stored twice.
class ProducerStateTable
{
public:
    struct Check
    {
        ErrorCode error = ErrorCode::None;
        std::optional<std::int64_t> duplicateOf; // base offset of the batch already stored
    };

    ProducerStateTable();

    // A new producer id at epoch 0.
    std::int64_t allocateProducerId() { return m_nextProducerId++; }
    // Bumps the epoch of a known producer, as InitProducerId does when given its id and epoch.
    std::optional<std::int16_t> bumpEpoch(std::int64_t producerId, std::int16_t epoch);

    Check check(const std::string &topic, std::int32_t partition, const RecordBatchHeader &h) const;
    void record(const std::string &topic, std::int32_t partition, const RecordBatchHeader &h,
        std::int64_t baseOffset);
    void forgetTopic(const std::string &topic);

private:
    static constexpr std::size_t kRememberedBatches = 5;

    struct StoredBatch
    {
        std::int32_t firstSequence;
        std::int64_t lastSequence;
        std::int64_t baseOffset;
    };
    struct PartitionSequences
    {
        std::int16_t epoch = 0;
        std::deque<StoredBatch> recent;
    };
    using Key = std::pair<std::int64_t, std::pair<std::string, std::int32_t>>;

    std::int64_t m_nextProducerId;
    std::map<std::int64_t, std::int16_t> m_epochs;
    std::map<Key, PartitionSequences> m_sequences;
};

} // namespace chippy::broker
