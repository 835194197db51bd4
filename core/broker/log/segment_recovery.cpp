// Opening a segment found on disk: trusting, checking or rebuilding what its files say.
#include "segment.h"

#include "batch_cursor.h"
#include "broker_log.h"

#include <chrono>

namespace chippy::broker {
namespace {

std::int64_t modifiedMs(const std::filesystem::path &path)
{
    using namespace std::chrono;
    std::error_code ec;
    const auto t = std::filesystem::last_write_time(path, ec);
    if (ec) {
        return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    }
    return duration_cast<milliseconds>(file_clock::to_sys(t).time_since_epoch()).count();
}

template<typename Entry, typename Key>
bool strictlyRising(const std::vector<Entry> &entries, Key key)
{
    for (std::size_t i = 1; i < entries.size(); ++i) {
        if (!(key(entries[i - 1]) < key(entries[i]))) {
            return false;
        }
    }
    return true;
}

// Why no batch could be read at position, where the batch cursor stopped short of the end.
std::string whyNoBatchAt(const SegmentStore &store, std::uint64_t position)
{
    if (store.size() - position < RecordBatchHeader::kSize) {
        return "a torn batch header";
    }
    std::uint8_t bytes[RecordBatchHeader::kSize];
    store.copyTo(position, bytes);
    const auto h = RecordBatchHeader::parse(bytes);
    if (h.magic != 2) {
        return "no v2 batch header there (magic " + std::to_string(h.magic) + ")";
    }
    if (!h.offsetsInRange()) {
        return "offsets " + std::to_string(h.baseOffset) + " + " + std::to_string(h.lastOffsetDelta)
            + " are out of range";
    }
    if (h.totalSize() < RecordBatchHeader::kSize) {
        return "batch length " + std::to_string(h.batchLength) + " is shorter than a header";
    }
    return "a batch of " + std::to_string(h.totalSize()) + " bytes runs past the end of the file";
}

} // namespace

std::unique_ptr<Segment> Segment::recover(const std::filesystem::path &dir, std::int64_t baseOffset,
    Options options, bool checkEveryBatch)
{
    std::unique_ptr<Segment> s(new Segment(baseOffset, options));
    s->attachFiles(dir, AppendFile::Mode::OpenOrCreate);
    s->m_lastWriteMs = modifiedMs(s->m_logPath);
    const auto offsets = s->m_offsetIndex.storedEntries();
    const auto times = s->m_timeIndex.storedEntries();
    if (checkEveryBatch) {
        s->rebuildIndexes(offsets, times);
    } else if (!s->adoptStoredIndexes(offsets, times)) {
        brokerLog().warn("rebuilding the indexes of {}", s->m_logPath.string());
        s->rebuildIndexes(offsets, times);
        s->seal();
    }
    return s;
}

// The cheap path for an older segment: the indexes must be ordered and inside the file, and
// the batches from the last indexed one must run exactly to the end of the file within one
// index interval.
bool Segment::adoptStoredIndexes(
    const std::vector<OffsetIndexEntry> &offsets, const std::vector<TimeIndexEntry> &times)
{
    const std::uint64_t size = sizeBytes();
    if (size == 0) {
        m_offsetIndex.replace({}, offsets);
        m_timeIndex.replace({}, times);
        return true;
    }
    if (!strictlyRising(offsets, [](const auto &e) { return e.relativeOffset; })
        || !strictlyRising(offsets, [](const auto &e) { return e.position; })
        || !strictlyRising(times, [](const auto &e) { return e.maxTimestamp; })
        || !strictlyRising(times, [](const auto &e) { return e.relativeOffset; })
        || (!offsets.empty() && offsets.back().position >= size)
        || (times.empty() && !offsets.empty())) {
        return false;
    }
    const std::uint64_t start = offsets.empty() ? 0 : offsets.back().position;
    BatchCursor cursor(*m_store, start);
    if (!times.empty()) {
        m_maxTimestamp = times.back().maxTimestamp;
        m_maxTimestampBatch = m_baseOffset + times.back().relativeOffset;
        m_lastIndexedTimestamp = m_maxTimestamp;
    }
    bool first = true;
    std::uint64_t sinceEntry = 0;
    while (cursor.next()) {
        const auto &h = cursor.header();
        if (first && !offsets.empty()
            && h.baseOffset != m_baseOffset + offsets.back().relativeOffset) {
            return false;
        }
        // Appending would have indexed this batch: the index stops short of the file.
        if (sinceEntry >= m_options.indexIntervalBytes) {
            return false;
        }
        sinceEntry += h.totalSize();
        first = false;
        if (h.maxTimestamp > m_maxTimestamp) {
            m_maxTimestamp = h.maxTimestamp;
            m_maxTimestampBatch = h.baseOffset;
        }
        m_nextOffset = h.lastOffset() + 1;
    }
    if (first || !cursor.atEnd()
        || (!times.empty() && m_baseOffset + times.back().relativeOffset >= m_nextOffset)) {
        return false;
    }
    m_bytesSinceIndexEntry = size - start;
    m_offsetIndex.replace(offsets, offsets);
    m_timeIndex.replace(times, times);
    return true;
}

// The full path: every batch's lengths and CRC are checked, the first bad byte ends the
// segment (the file is cut there), and the indexes are made anew from what is left.
void Segment::rebuildIndexes(const std::vector<OffsetIndexEntry> &storedOffsets,
    const std::vector<TimeIndexEntry> &storedTimes)
{
    m_nextOffset = m_maxTimestampBatch = m_baseOffset;
    m_maxTimestamp = m_lastIndexedTimestamp = -1;
    m_bytesSinceIndexEntry = 0;
    std::vector<OffsetIndexEntry> offsets;
    std::vector<TimeIndexEntry> times;
    BatchCursor cursor(*m_store, 0);
    std::uint64_t validEnd = 0;
    std::string why;
    while (cursor.next()) {
        const auto &h = cursor.header();
        const auto batch = cursor.batch();
        if (validPrefixLength(batch, &why) != batch.size()) {
            break;
        }
        if (h.baseOffset < m_nextOffset) {
            why = "batch at offset " + std::to_string(h.baseOffset) + " goes back before offset "
                + std::to_string(m_nextOffset);
            break;
        }
        if (!canTake(h, 0)) {
            why = "batch at offset " + std::to_string(h.baseOffset)
                + " lies beyond what a segment based at " + std::to_string(m_baseOffset)
                + " can index";
            break;
        }
        const auto update = noteBatch(cursor.position(), h);
        if (update.offset) {
            offsets.push_back(*update.offset);
        }
        if (update.time) {
            times.push_back(*update.time);
        }
        validEnd = cursor.position() + h.totalSize();
    }
    if (validEnd < sizeBytes()) {
        if (why.empty()) {
            why = whyNoBatchAt(*m_store, validEnd);
        }
        // Kafka's recovery does the same: everything from the first bad batch on is dropped,
        // since nothing after it can be trusted to start on a batch boundary.
        brokerLog().warn("cutting {} bytes from {} at position {}, after offset {}: {}",
            sizeBytes() - validEnd, m_logPath.string(), validEnd, m_nextOffset - 1, why);
        m_store->truncate(validEnd);
    }
    m_offsetIndex.replace(std::move(offsets), storedOffsets);
    m_timeIndex.replace(std::move(times), storedTimes);
}

} // namespace chippy::broker
