#include "record_batch.h"

#include "crc32c.h"
#include "reader.h"

namespace chippy::broker {

RecordBatchHeader RecordBatchHeader::parse(std::span<const std::uint8_t> data)
{
    Reader r(data.first(kSize));
    RecordBatchHeader h;
    h.baseOffset = r.i64();
    h.batchLength = r.i32();
    h.partitionLeaderEpoch = r.i32();
    h.magic = r.i8();
    h.crc = r.u32();
    h.attributes = r.i16();
    h.lastOffsetDelta = r.i32();
    h.baseTimestamp = r.i64();
    h.maxTimestamp = r.i64();
    h.producerId = r.i64();
    h.producerEpoch = r.i16();
    h.baseSequence = r.i32();
    h.recordCount = r.i32();
    return h;
}

namespace {

bool checkOne(std::span<const std::uint8_t> data, RecordBatchHeader &h, std::string &error)
{
    if (data.size() < RecordBatchHeader::kLogOverhead + 5) {
        error = "record set ends inside a batch header";
        return false;
    }
    const std::int8_t magic = static_cast<std::int8_t>(data[16]);
    if (magic != 2) {
        error = "message format v" + std::to_string(magic)
            + " is not supported (record batches v2 only)";
        return false;
    }
    if (data.size() < RecordBatchHeader::kSize) {
        error = "record set ends inside a batch header";
        return false;
    }
    h = RecordBatchHeader::parse(data);
    if (h.batchLength
            < static_cast<std::int32_t>(RecordBatchHeader::kSize - RecordBatchHeader::kLogOverhead)
        || h.totalSize() > data.size()) {
        error = "batch length " + std::to_string(h.batchLength) + " does not fit the record set";
        return false;
    }
    // In 64 bits: a delta of INT32_MAX is a value a hostile batch carries, not an overflow.
    if (h.recordCount < 0 || h.lastOffsetDelta < 0
        || std::int64_t {h.lastOffsetDelta} + 1 < std::int64_t {h.recordCount}) {
        error = "record count and offset delta disagree";
        return false;
    }
    const auto covered = data.subspan(
        RecordBatchHeader::kAttributesOffset, h.totalSize() - RecordBatchHeader::kAttributesOffset);
    if (crc32c(covered) != h.crc) {
        error = "batch CRC mismatch";
        return false;
    }
    return true;
}

} // namespace

std::vector<BatchView> splitAndValidateBatches(
    std::span<const std::uint8_t> records, std::string &error)
{
    std::vector<BatchView> out;
    std::size_t pos = 0;
    while (pos < records.size()) {
        RecordBatchHeader h;
        if (!checkOne(records.subspan(pos), h, error)) {
            return {};
        }
        out.push_back({h, records.subspan(pos, h.totalSize())});
        pos += h.totalSize();
    }
    if (out.empty()) {
        error = "empty record set";
    }
    return out;
}

void rewriteBaseOffset(std::span<std::uint8_t> batch, std::int64_t baseOffset)
{
    const auto u = static_cast<std::uint64_t>(baseOffset);
    for (int i = 0; i < 8; ++i) {
        batch[i] = static_cast<std::uint8_t>(u >> (56 - 8 * i));
    }
}

std::size_t validPrefixLength(std::span<const std::uint8_t> data, std::string *why)
{
    std::size_t pos = 0;
    std::string error;
    while (pos < data.size()) {
        RecordBatchHeader h;
        if (!checkOne(data.subspan(pos), h, error)) {
            break;
        }
        if (!h.offsetsInRange()) {
            error = "offsets " + std::to_string(h.baseOffset) + " + "
                + std::to_string(h.lastOffsetDelta) + " are out of range";
            break;
        }
        pos += h.totalSize();
    }
    if (why) {
        *why = pos < data.size() ? std::move(error) : std::string();
    }
    return pos;
}

} // namespace chippy::broker
