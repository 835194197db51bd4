#pragma once

#include "record_batch.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace chippy::broker {

struct RecordHeaderField
{
    std::string key;
    std::optional<std::vector<std::uint8_t>> value;

    bool operator==(const RecordHeaderField &) const = default;
};

// One record of a v2 batch, its offset and timestamp relative to the batch's.
struct Record
{
    std::int8_t attributes = 0;
    std::int64_t timestampDelta = 0;
    std::int32_t offsetDelta = 0;
    std::optional<std::vector<std::uint8_t>> key;
    std::optional<std::vector<std::uint8_t>> value;
    std::vector<RecordHeaderField> headers;

    bool operator==(const Record &) const = default;
};

// Decodes the records of an uncompressed v2 batch (header included in batch). Throws
// DecodeError unless exactly header.recordCount records fill the batch to its end.
std::vector<Record> decodeRecords(
    std::span<const std::uint8_t> batch, const RecordBatchHeader &header);

// Encodes a v2 batch from header's fields and the records; the length, the record count and
// the CRC are computed, whatever header says.
std::vector<std::uint8_t> encodeBatch(
    const RecordBatchHeader &header, const std::vector<Record> &records);

// Why a produced batch (already split and CRC-checked) is not one Kafka would store: no
// records, a last offset delta other than count - 1, and for an uncompressed batch records
// that do not decode, are not numbered 0, 1, 2... or carry a timestamp out of range.
// Kafka answers these with INVALID_RECORD.
std::optional<std::string> invalidProducedBatch(const BatchView &batch);

} // namespace chippy::broker
