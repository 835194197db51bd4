#include "batch_records.h"

#include "protocol/reader.h"

#include <algorithm>

namespace chippy::broker {
namespace {

constexpr int kLogAppendTimeFlag = 0x08;

// Calls visit(offset, timestamp) for each record until it returns true; false when the
// records cannot be walked (compressed or malformed).
template<typename Visit>
bool walkRecords(std::span<const std::uint8_t> batch, const RecordBatchHeader &h, Visit &&visit)
{
    if (h.compression() != 0) {
        return false;
    }
    const bool appendTime = (h.attributes & kLogAppendTimeFlag) != 0;
    try {
        Reader r(batch.subspan(RecordBatchHeader::kSize));
        for (std::int32_t i = 0; i < h.recordCount; ++i) {
            const std::int32_t length = r.varint();
            const std::size_t start = r.position();
            r.i8(); // attributes
            const std::int64_t timestampDelta = r.varlong();
            const std::int32_t offsetDelta = r.varint();
            const std::size_t used = r.position() - start;
            if (length < 0 || static_cast<std::size_t>(length) < used) {
                return false;
            }
            r.skip(static_cast<std::size_t>(length) - used);
            // Checked: a stored batch's deltas are the producer's, whatever it sent.
            std::int64_t timestamp = h.maxTimestamp;
            std::int64_t offset = 0;
            if ((!appendTime && __builtin_add_overflow(h.baseTimestamp, timestampDelta, &timestamp))
                || __builtin_add_overflow(h.baseOffset, std::int64_t {offsetDelta}, &offset)) {
                return false;
            }
            if (visit(offset, timestamp)) {
                return true;
            }
        }
    } catch (const DecodeError &) {
        return false;
    }
    return true;
}

TimestampedOffset wholeBatch(const RecordBatchHeader &h, std::int64_t minOffset)
{
    return {std::max(h.baseOffset, minOffset), h.maxTimestamp};
}

} // namespace

std::optional<TimestampedOffset> firstRecordAtOrAfter(std::span<const std::uint8_t> batch,
    const RecordBatchHeader &header, std::int64_t timestamp, std::int64_t minOffset)
{
    std::optional<TimestampedOffset> found;
    const bool walked = walkRecords(batch, header, [&](std::int64_t offset, std::int64_t ts) {
        if (offset >= minOffset && ts >= timestamp) {
            found = TimestampedOffset {offset, ts};
            return true;
        }
        return false;
    });
    if (!walked && header.maxTimestamp >= timestamp && header.lastOffset() >= minOffset) {
        return wholeBatch(header, minOffset);
    }
    return found;
}

std::optional<TimestampedOffset> newestRecord(
    std::span<const std::uint8_t> batch, const RecordBatchHeader &header, std::int64_t minOffset)
{
    std::optional<TimestampedOffset> best;
    const bool walked = walkRecords(batch, header, [&](std::int64_t offset, std::int64_t ts) {
        if (offset >= minOffset && (!best || ts > best->timestamp)) {
            best = TimestampedOffset {offset, ts};
        }
        return false;
    });
    if (!walked && header.lastOffset() >= minOffset) {
        return wholeBatch(header, minOffset);
    }
    return best;
}

} // namespace chippy::broker
