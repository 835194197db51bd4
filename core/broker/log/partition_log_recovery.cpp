// Opening a partition's directory: its segments, its log start, and leftovers of a crash.
#include "partition_log.h"

#include "broker_log.h"
#include "durable_file.h"
#include "protocol/record_batch.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace chippy::broker {
namespace {

constexpr const char *kLogStartFile = "log-start-offset";

std::optional<std::int64_t> readLogStart(const std::filesystem::path &dir)
{
    const auto text = readSmallFile(dir / kLogStartFile);
    if (!text) {
        return std::nullopt;
    }
    std::int64_t value = -1;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || value < 0 || value > RecordBatchHeader::kMaxOffset) {
        brokerLog().warn("ignoring unreadable {}", (dir / kLogStartFile).string());
        return std::nullopt;
    }
    return value;
}

// Index files whose log is gone, and temporary files of an interrupted write.
bool isLeftover(const std::filesystem::path &file, const std::vector<std::int64_t> &bases)
{
    if (isTemporaryFile(file)) {
        return true;
    }
    const auto ext = file.extension();
    if (ext != ".index" && ext != ".timeindex") {
        return false;
    }
    auto asLog = file;
    asLog.replace_extension(".log");
    const auto base = Segment::baseOffsetOf(asLog);
    return !base || !std::binary_search(bases.begin(), bases.end(), *base);
}

} // namespace

void PartitionLog::recover()
{
    const auto &dir = m_options.dir;
    std::filesystem::create_directories(dir);
    std::vector<std::int64_t> bases;
    std::vector<std::filesystem::path> files;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        files.push_back(entry.path());
        if (const auto base = Segment::baseOffsetOf(entry.path());
            base && entry.is_regular_file()) {
            bases.push_back(*base);
        }
    }
    std::sort(bases.begin(), bases.end());
    for (const auto &file : files) {
        if (isLeftover(file, bases)) {
            std::filesystem::remove(file);
        }
    }

    for (std::size_t i = 0; i < bases.size(); ++i) {
        const bool newest = i + 1 == bases.size();
        auto segment = Segment::recover(dir, bases[i], segmentOptions(), newest);
        if (segment->empty() && !newest) {
            segment->destroy();
            continue;
        }
        m_sizeBytes += static_cast<std::int64_t>(segment->sizeBytes());
        m_segments.push_back(std::move(segment));
    }
    const auto savedStart = readLogStart(dir);
    if (m_segments.empty()) {
        m_segments.push_back(Segment::create(dir, savedStart.value_or(0), segmentOptions()));
    }
    m_logEndOffset = m_segments.back()->nextOffset();
    m_logStartOffset = m_segments.front()->baseOffset();
    if (savedStart && *savedStart > m_logEndOffset) {
        // The records up to the saved start are gone; offsets must still never go back.
        brokerLog().warn("{} ends at offset {} before its saved log start {}", dir.string(),
            m_logEndOffset, *savedStart);
        m_logEndOffset = *savedStart;
        roll();
    }
    m_logStartOffset = std::max(m_logStartOffset, savedStart.value_or(0));
    dropSegmentsBelowLogStart();
}

void PartitionLog::advanceLogStart(std::int64_t offset)
{
    if (offset <= m_logStartOffset) {
        return;
    }
    if (!m_options.dir.empty()) {
        // Saved before any segment goes, so a crash in between never loses the new start.
        writeFileAtomically(m_options.dir / kLogStartFile, std::to_string(offset) + "\n");
    }
    m_logStartOffset = offset;
    dropSegmentsBelowLogStart();
}

void PartitionLog::dropSegmentsBelowLogStart()
{
    while (m_segments.size() > 1 && m_segments[1]->baseOffset() <= m_logStartOffset) {
        dropOldestSegment();
    }
}

} // namespace chippy::broker
