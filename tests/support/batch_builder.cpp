#include "batch_builder.h"

#include "protocol/crc32c.h"
#include "protocol/writer.h"

#include <algorithm>
#include <span>

namespace chippy::test {

std::vector<std::uint8_t> buildBatch(const std::vector<TestRecord> &records,
    std::int64_t producerId, std::int16_t producerEpoch, std::int32_t baseSequence)
{
    using chippy::broker::Writer;
    const std::int64_t base = records.empty() ? 0 : records.front().timestamp;
    std::int64_t maxTs = base;
    Writer body;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto &rec = records[i];
        maxTs = std::max(maxTs, rec.timestamp);
        Writer r;
        r.i8(0); // attributes
        r.varlong(rec.timestamp - base);
        r.varint(static_cast<std::int32_t>(i));
        r.varint(static_cast<std::int32_t>(rec.key.size()));
        r.raw({reinterpret_cast<const std::uint8_t *>(rec.key.data()), rec.key.size()});
        r.varint(static_cast<std::int32_t>(rec.value.size()));
        r.raw({reinterpret_cast<const std::uint8_t *>(rec.value.data()), rec.value.size()});
        r.varint(0); // headers
        body.varint(static_cast<std::int32_t>(r.size()));
        body.raw(r.buffer());
    }
    Writer w;
    w.i64(0);
    const auto lengthAt = w.placeholder32();
    w.i32(-1); // partition leader epoch
    w.i8(2);
    const auto crcAt = w.placeholder32();
    const auto attributesAt = w.size();
    w.i16(0);
    w.i32(static_cast<std::int32_t>(records.empty() ? 0 : records.size() - 1));
    w.i64(base);
    w.i64(maxTs);
    w.i64(producerId);
    w.i16(producerEpoch);
    w.i32(baseSequence);
    w.i32(static_cast<std::int32_t>(records.size()));
    w.raw(body.buffer());
    w.patch32(lengthAt, static_cast<std::uint32_t>(w.size() - 12));
    const auto &buf = w.buffer();
    w.patch32(crcAt, chippy::broker::crc32c(std::span(buf).subspan(attributesAt)));
    return w.take();
}

} // namespace chippy::test
