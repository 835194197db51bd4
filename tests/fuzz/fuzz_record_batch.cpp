// libFuzzer target: a produced record set through batch validation, the record decoder and
// encoder (decode, re-encode, decode again must agree), the producer state checks and an
// in-memory partition log. The first byte holds flags; bit 0 gives every batch a valid CRC.
// Message formats v0 and v1 are refused by the broker, compressed batches stored unread:
// both paths are covered by the seeds.
#include "broker_log.h"
#include "fuzz_input.h"
#include "log/batch_records.h"
#include "log/partition_log.h"
#include "producers/producer_state.h"
#include "protocol/reader.h"
#include "protocol/record_batch.h"
#include "protocol/records.h"

#include <string>

namespace {

using namespace chippy::broker;
using chippy::fuzz::propertyFailed;

constexpr std::uint8_t kFixCrcs = 0x01;

void checkRoundTrip(const BatchView &batch)
{
    std::vector<Record> records;
    try {
        records = decodeRecords(batch.bytes, batch.header);
    } catch (const DecodeError &) {
        return;
    }
    const auto encoded = encodeBatch(batch.header, records);
    std::string why;
    const auto again = splitAndValidateBatches(encoded, why);
    if (again.size() != 1 || again.front().bytes.size() != encoded.size()) {
        propertyFailed();
    }
    const auto &h = again.front().header;
    if (h.baseOffset != batch.header.baseOffset || h.attributes != batch.header.attributes
        || h.lastOffsetDelta != batch.header.lastOffsetDelta
        || h.baseTimestamp != batch.header.baseTimestamp
        || h.maxTimestamp != batch.header.maxTimestamp || h.producerId != batch.header.producerId
        || h.baseSequence != batch.header.baseSequence
        || h.recordCount != batch.header.recordCount) {
        propertyFailed();
    }
    if (decodeRecords(encoded, h) != records || encodeBatch(h, records) != encoded) {
        propertyFailed();
    }
    if (invalidProducedBatch(batch).has_value()
        != invalidProducedBatch(again.front()).has_value()) {
        propertyFailed();
    }
}

void storeAndReadBack(const std::vector<BatchView> &batches)
{
    PartitionLog log(PartitionLog::Options {});
    log.setSegmentBytes(4096);
    ProducerStateTable producers;
    for (const auto &b : batches) {
        if (invalidProducedBatch(b)) {
            continue;
        }
        const auto verdict = producers.check("fuzz", 0, b.header);
        if (verdict.error != ErrorCode::None || verdict.duplicateOf) {
            continue;
        }
        const auto base = log.append(b.bytes);
        producers.record("fuzz", 0, b.header, base, 0);
    }
    std::vector<std::uint8_t> out;
    log.read(log.logStartOffset(), 1 << 20, out, true);
    if (validPrefixLength(out) != out.size()) {
        propertyFailed();
    }
    for (const auto &b : batches) {
        log.offsetForTimestamp(b.header.baseTimestamp);
        log.offsetForTimestamp(b.header.maxTimestamp);
    }
    log.newestRecord();
    log.truncateBefore(log.logEndOffset() / 2);
    log.newestRecord();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    brokerLog().set_level(spdlog::level::off);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0) {
        return 0;
    }
    const std::uint8_t flags = data[0];
    std::vector<std::uint8_t> records(data + 1, data + size);
    if (flags & kFixCrcs) {
        chippy::fuzz::fixCrcs(records);
    }
    validPrefixLength(records);
    std::string why;
    const auto batches = splitAndValidateBatches(records, why);
    if (batches.empty() == why.empty()) {
        propertyFailed();
    }
    for (const auto &b : batches) {
        invalidProducedBatch(b);
        checkRoundTrip(b);
        firstRecordAtOrAfter(b.bytes, b.header, b.header.baseTimestamp, 0);
        newestRecord(b.bytes, b.header, b.header.baseOffset);
    }
    storeAndReadBack(batches);
    return 0;
}
