#include "segment.h"

#include "batch_cursor.h"
#include "big_endian.h"
#include "broker_log.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <limits>
#include <system_error>

namespace chippy::broker {
namespace {

constexpr std::size_t kBaseOffsetDigits = 20;
// Index entries hold 32-bit positions; Kafka caps segments just below 2 GiB as well.
constexpr std::uint64_t kMaxSegmentBytes = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kMaxRelativeOffset = std::numeric_limits<std::int32_t>::max();

std::int64_t nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

Segment::Segment(std::int64_t baseOffset, Options options)
    : m_baseOffset(baseOffset)
    , m_options(options)
    , m_nextOffset(baseOffset)
    , m_maxTimestampBatch(baseOffset)
    , m_lastWriteMs(nowMs())
{ }

Segment::~Segment() = default;

std::string Segment::fileName(std::int64_t baseOffset, std::string_view extension)
{
    char digits[kBaseOffsetDigits + 1];
    std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(baseOffset));
    return std::string(digits) + std::string(extension);
}

std::optional<std::int64_t> Segment::baseOffsetOf(const std::filesystem::path &logFile)
{
    const std::string stem = logFile.stem().string();
    if (logFile.extension() != ".log" || stem.size() != kBaseOffsetDigits) {
        return std::nullopt;
    }
    std::int64_t base = 0;
    const auto [end, ec] = std::from_chars(stem.data(), stem.data() + stem.size(), base);
    if (ec != std::errc() || end != stem.data() + stem.size() || base < 0) {
        return std::nullopt;
    }
    return base;
}

void Segment::attachFiles(const std::filesystem::path &dir, AppendFile::Mode mode)
{
    m_logPath = dir / fileName(m_baseOffset, ".log");
    m_store = SegmentStore::inFile(m_logPath, mode);
    m_offsetIndex.attachFile(dir / fileName(m_baseOffset, ".index"), mode);
    m_timeIndex.attachFile(dir / fileName(m_baseOffset, ".timeindex"), mode);
}

std::unique_ptr<Segment> Segment::create(
    const std::filesystem::path &dir, std::int64_t baseOffset, Options options)
{
    std::unique_ptr<Segment> s(new Segment(baseOffset, options));
    if (dir.empty()) {
        s->m_store = SegmentStore::inMemory();
    } else {
        s->attachFiles(dir, AppendFile::Mode::CreateEmpty);
    }
    return s;
}

std::int64_t Segment::largestTimestamp() const
{
    return m_maxTimestamp >= 0 ? m_maxTimestamp : m_lastWriteMs;
}

bool Segment::canTake(const RecordBatchHeader &header, std::size_t bytes) const
{
    return sizeBytes() + bytes <= kMaxSegmentBytes
        && header.lastOffset() - m_baseOffset <= kMaxRelativeOffset;
}

Segment::IndexUpdate Segment::noteBatch(std::uint64_t position, const RecordBatchHeader &h)
{
    IndexUpdate update;
    if (m_bytesSinceIndexEntry >= m_options.indexIntervalBytes) {
        update.offset
            = OffsetIndexEntry {relative(h.baseOffset), static_cast<std::uint32_t>(position)};
        if (m_maxTimestamp > m_lastIndexedTimestamp) {
            update.time = TimeIndexEntry {m_maxTimestamp, relative(m_maxTimestampBatch)};
            m_lastIndexedTimestamp = m_maxTimestamp;
        }
        m_bytesSinceIndexEntry = 0;
    }
    m_bytesSinceIndexEntry += h.totalSize();
    if (h.maxTimestamp > m_maxTimestamp) {
        m_maxTimestamp = h.maxTimestamp;
        m_maxTimestampBatch = h.baseOffset;
    }
    m_nextOffset = h.lastOffset() + 1;
    return update;
}

template<typename Index, typename Entry>
void Segment::keepIndexEntry(Index &index, const Entry &entry)
{
    try {
        index.append(entry);
    } catch (const std::system_error &e) {
        // The entry stays in memory. Without it the file is only sparser, or rebuilt from the
        // log when the broker next starts, so the batch it indexes still counts as stored.
        brokerLog().warn("{}", e.what());
    }
}

void Segment::append(std::span<const std::uint8_t> batch, const RecordBatchHeader &header)
{
    const std::uint64_t position = m_store->size();
    // The batch goes out as produced but for its base offset and partition leader epoch: no
    // copy just to change them. Both lie before the attributes, outside what the CRC covers.
    std::uint8_t prefix[RecordBatchHeader::kLogOverhead + sizeof header.partitionLeaderEpoch];
    big_endian::put(prefix, static_cast<std::uint64_t>(header.baseOffset));
    big_endian::put(prefix + 8, static_cast<std::uint32_t>(header.batchLength));
    big_endian::put(prefix + RecordBatchHeader::kLogOverhead,
        static_cast<std::uint32_t>(header.partitionLeaderEpoch));
    const SegmentStore::Piece pieces[] = {prefix, batch.subspan(sizeof prefix)};
    m_store->append(pieces);
    if (m_options.syncEveryAppend) {
        try {
            m_store->sync();
        } catch (const std::system_error &) {
            // What a failed sync leaves on disk is unknown: the append did not happen.
            m_store->truncate(position);
            throw;
        }
    }
    const auto update = noteBatch(position, header);
    if (update.offset) {
        keepIndexEntry(m_offsetIndex, *update.offset);
    }
    if (update.time) {
        keepIndexEntry(m_timeIndex, *update.time);
    }
    m_lastWriteMs = nowMs();
}

std::optional<std::uint64_t> Segment::positionOf(std::int64_t offset) const
{
    if (offset >= m_nextOffset) {
        return std::nullopt;
    }
    const auto rel = relative(std::max(offset, m_baseOffset));
    // The batch sits within about one index interval of the indexed position.
    const std::size_t readAhead = m_options.indexIntervalBytes + RecordBatchHeader::kSize;
    BatchCursor cursor(*m_store, m_offsetIndex.startPositionFor(rel), readAhead);
    while (cursor.next()) {
        if (cursor.header().lastOffset() >= offset) {
            return cursor.position();
        }
    }
    return std::nullopt;
}

namespace {

std::uint64_t batchSizeAt(std::span<const std::uint8_t> bytes)
{
    const auto length = static_cast<std::int32_t>(big_endian::get<std::uint32_t>(bytes.data() + 8));
    return length < 0 ? 0 : RecordBatchHeader::kLogOverhead + static_cast<std::uint64_t>(length);
}

} // namespace

std::int64_t Segment::read(std::uint64_t position, std::int64_t maxBytes,
    std::vector<std::uint8_t> &out, bool allowOversized) const
{
    const std::uint64_t available = sizeBytes() - std::min(position, sizeBytes());
    const auto want = static_cast<std::size_t>(
        std::min<std::uint64_t>(available, std::max<std::int64_t>(maxBytes, 0)));
    const std::size_t start = out.size();
    out.resize(start + want);
    m_store->copyTo(position, std::span(out).subspan(start, want));
    // Keep whole batches only: walk the lengths within what was read.
    std::size_t whole = 0;
    while (whole + RecordBatchHeader::kLogOverhead <= want) {
        const auto size = batchSizeAt(std::span(out).subspan(start + whole));
        if (size < RecordBatchHeader::kSize || whole + size > want) {
            break;
        }
        whole += static_cast<std::size_t>(size);
    }
    if (whole == 0 && allowOversized && available >= RecordBatchHeader::kLogOverhead) {
        std::uint8_t prefix[RecordBatchHeader::kLogOverhead];
        m_store->copyTo(position, prefix);
        const auto size = batchSizeAt(prefix);
        if (size >= RecordBatchHeader::kSize && size <= available) {
            whole = static_cast<std::size_t>(size);
            out.resize(start + whole);
            m_store->copyTo(position, std::span(out).subspan(start, whole));
        }
    }
    out.resize(start + whole);
    return static_cast<std::int64_t>(whole);
}

std::optional<TimestampedOffset> Segment::findTimestamp(
    std::int64_t timestamp, std::int64_t minOffset) const
{
    if (m_maxTimestamp < timestamp || m_nextOffset <= minOffset) {
        return std::nullopt;
    }
    std::int64_t from = minOffset;
    if (const auto rel = m_timeIndex.lastBatchBefore(timestamp)) {
        from = std::max(from, m_baseOffset + *rel);
    }
    const auto position = positionOf(from);
    if (!position) {
        return std::nullopt;
    }
    BatchCursor cursor(*m_store, *position);
    while (cursor.next()) {
        const auto &h = cursor.header();
        if (h.maxTimestamp < timestamp || h.lastOffset() < minOffset) {
            continue;
        }
        if (auto found = firstRecordAtOrAfter(cursor.batch(), h, timestamp, minOffset)) {
            return found;
        }
    }
    return std::nullopt;
}

std::optional<TimestampedOffset> Segment::newestRecord(std::int64_t minOffset) const
{
    if (m_nextOffset <= minOffset || empty()) {
        return std::nullopt;
    }
    // The batch that first reached the largest timestamp is known, unless the log start has
    // moved past it: then look through what is left.
    const bool knownBatchCounts = minOffset <= m_maxTimestampBatch;
    const auto position = positionOf(knownBatchCounts ? m_maxTimestampBatch : minOffset);
    if (!position) {
        return std::nullopt;
    }
    BatchCursor cursor(*m_store, *position);
    std::optional<TimestampedOffset> best;
    while (cursor.next()) {
        const auto &h = cursor.header();
        if (!best || h.maxTimestamp > best->timestamp) {
            const auto candidate = chippy::broker::newestRecord(cursor.batch(), h, minOffset);
            if (candidate && (!best || candidate->timestamp > best->timestamp)) {
                best = candidate;
            }
        }
        if (knownBatchCounts) {
            break;
        }
    }
    return best;
}

void Segment::seal()
{
    if (m_maxTimestamp > m_lastIndexedTimestamp) {
        keepIndexEntry(m_timeIndex, TimeIndexEntry {m_maxTimestamp, relative(m_maxTimestampBatch)});
        m_lastIndexedTimestamp = m_maxTimestamp;
    }
}

void Segment::destroy()
{
    m_store->remove();
    m_offsetIndex.remove();
    m_timeIndex.remove();
}

} // namespace chippy::broker
