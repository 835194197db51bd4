#include "records.h"

#include "crc32c.h"
#include "reader.h"
#include "writer.h"

namespace chippy::broker {
namespace {

// Record fields use signed varint lengths, -1 for null, unlike the compact lengths of
// flexible requests.
std::optional<std::vector<std::uint8_t>> readVarBytes(Reader &r)
{
    const std::int32_t n = r.varint();
    if (n < -1) {
        throw DecodeError("invalid record field length " + std::to_string(n));
    }
    if (n == -1) {
        return std::nullopt;
    }
    const auto bytes = r.raw(static_cast<std::size_t>(n));
    return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

void writeVarBytes(Writer &w, const std::optional<std::vector<std::uint8_t>> &bytes)
{
    if (!bytes) {
        w.varint(-1);
        return;
    }
    w.varint(static_cast<std::int32_t>(bytes->size()));
    w.raw(*bytes);
}

Record readRecord(Reader &r)
{
    Record rec;
    rec.attributes = r.i8();
    rec.timestampDelta = r.varlong();
    rec.offsetDelta = r.varint();
    rec.key = readVarBytes(r);
    rec.value = readVarBytes(r);
    const std::int32_t headerCount = r.varint();
    if (headerCount < 0) {
        throw DecodeError("invalid record header count " + std::to_string(headerCount));
    }
    // Every header takes at least two bytes: no reserving by what the count claims.
    for (std::int32_t i = 0; i < headerCount; ++i) {
        RecordHeaderField field;
        const auto key = readVarBytes(r);
        if (!key) {
            throw DecodeError("record header with a null key");
        }
        field.key.assign(key->begin(), key->end());
        field.value = readVarBytes(r);
        rec.headers.push_back(std::move(field));
    }
    return rec;
}

void writeRecord(Writer &w, const Record &rec)
{
    Writer body;
    body.i8(rec.attributes);
    body.varlong(rec.timestampDelta);
    body.varint(rec.offsetDelta);
    writeVarBytes(body, rec.key);
    writeVarBytes(body, rec.value);
    body.varint(static_cast<std::int32_t>(rec.headers.size()));
    for (const auto &field : rec.headers) {
        body.varint(static_cast<std::int32_t>(field.key.size()));
        body.raw({reinterpret_cast<const std::uint8_t *>(field.key.data()), field.key.size()});
        writeVarBytes(body, field.value);
    }
    w.varint(static_cast<std::int32_t>(body.size()));
    w.raw(body.buffer());
}

} // namespace

std::vector<Record> decodeRecords(
    std::span<const std::uint8_t> batch, const RecordBatchHeader &header)
{
    if (batch.size() < RecordBatchHeader::kSize) {
        throw DecodeError("batch shorter than its header");
    }
    Reader r(batch.subspan(RecordBatchHeader::kSize));
    std::vector<Record> records;
    for (std::int32_t i = 0; i < header.recordCount; ++i) {
        const std::int32_t length = r.varint();
        if (length < 0 || static_cast<std::size_t>(length) > r.remaining()) {
            throw DecodeError("record length " + std::to_string(length) + " overruns the batch");
        }
        Reader one(r.raw(static_cast<std::size_t>(length)));
        records.push_back(readRecord(one));
        if (!one.atEnd()) {
            throw DecodeError("record shorter than its length says");
        }
    }
    if (!r.atEnd()) {
        throw DecodeError(std::to_string(r.remaining()) + " bytes follow the last record");
    }
    return records;
}

std::vector<std::uint8_t> encodeBatch(
    const RecordBatchHeader &header, const std::vector<Record> &records)
{
    Writer w;
    w.i64(header.baseOffset);
    const auto lengthAt = w.placeholder32();
    w.i32(header.partitionLeaderEpoch);
    w.i8(2);
    const auto crcAt = w.placeholder32();
    w.i16(header.attributes);
    w.i32(header.lastOffsetDelta);
    w.i64(header.baseTimestamp);
    w.i64(header.maxTimestamp);
    w.i64(header.producerId);
    w.i16(header.producerEpoch);
    w.i32(header.baseSequence);
    w.i32(static_cast<std::int32_t>(records.size()));
    for (const auto &rec : records) {
        writeRecord(w, rec);
    }
    w.patch32(lengthAt, static_cast<std::uint32_t>(w.size() - RecordBatchHeader::kLogOverhead));
    const auto &bytes = w.buffer();
    w.patch32(crcAt, crc32c(std::span(bytes).subspan(RecordBatchHeader::kAttributesOffset)));
    return w.take();
}

std::optional<std::string> invalidProducedBatch(const BatchView &batch)
{
    const auto &h = batch.header;
    if (h.recordCount <= 0) {
        return "a batch must hold at least one record, not " + std::to_string(h.recordCount);
    }
    if (std::int64_t {h.lastOffsetDelta} + 1 != h.recordCount) {
        return "last offset delta " + std::to_string(h.lastOffsetDelta) + " does not match "
            + std::to_string(h.recordCount) + " records";
    }
    if (h.compression() != 0) {
        return std::nullopt; // stored as compressed: the records are the consumer's to read
    }
    std::vector<Record> records;
    try {
        records = decodeRecords(batch.bytes, h);
    } catch (const DecodeError &e) {
        return std::string("records do not decode: ") + e.what();
    }
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (records[i].offsetDelta != static_cast<std::int32_t>(i)) {
            return "record " + std::to_string(i) + " has offset delta "
                + std::to_string(records[i].offsetDelta);
        }
        std::int64_t timestamp = 0;
        if (__builtin_add_overflow(h.baseTimestamp, records[i].timestampDelta, &timestamp)) {
            return "record " + std::to_string(i) + " has a timestamp out of range";
        }
    }
    return std::nullopt;
}

} // namespace chippy::broker
