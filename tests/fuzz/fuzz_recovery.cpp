// libFuzzer target: a partition directory as a crash, a bad disk or a hostile hand left it,
// opened by the broker. The input's first byte holds flags (bit 0: give the batches a valid
// CRC; bit 1: a second, older segment; bit 2: a log-start-offset file), the second the base
// offset of the newest segment; the rest is cut by the part separator into the newest
// segment's .log, .index and .timeindex, then the older segment's, then the log start.
// Recovery must cut the newest segment back to whole valid batches, open the same way twice,
// and leave a log that takes and serves new batches.
#include "broker_log.h"
#include "fuzz_input.h"
#include "log/partition_log.h"
#include "protocol/records.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

using namespace chippy::broker;
using chippy::fuzz::propertyFailed;

constexpr std::uint8_t kFixCrcs = 0x01;
constexpr std::uint8_t kOlderSegment = 0x02;
constexpr std::uint8_t kLogStartFile = 0x04;
constexpr std::size_t kParts = 7;

// In memory where the system offers it: each run writes and syncs a handful of files, which
// on a disk costs more than the rest of the run.
std::filesystem::path scratchDir()
{
    static const auto dir = [] {
        std::error_code ec;
        const std::filesystem::path shm = "/dev/shm";
        const auto base
            = std::filesystem::is_directory(shm, ec) ? shm : std::filesystem::temp_directory_path();
        return base / ("chippy-fuzz-recovery-" + std::to_string(::getpid()));
    }();
    return dir;
}

void writeFile(const std::filesystem::path &path, const std::vector<std::uint8_t> &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(
        reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::uint8_t> readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeSegment(const std::filesystem::path &dir, std::int64_t base,
    std::vector<std::uint8_t> log, const std::vector<std::uint8_t> &index,
    const std::vector<std::uint8_t> &timeIndex, bool fixCrcs)
{
    if (fixCrcs) {
        chippy::fuzz::fixCrcs(log);
    }
    writeFile(dir / Segment::fileName(base, ".log"), log);
    writeFile(dir / Segment::fileName(base, ".index"), index);
    writeFile(dir / Segment::fileName(base, ".timeindex"), timeIndex);
}

std::vector<std::uint8_t> oneRecordBatch()
{
    RecordBatchHeader h;
    h.baseTimestamp = h.maxTimestamp = 1700000000000;
    h.recordCount = 1;
    Record r;
    r.value = std::vector<std::uint8_t> {'c', 'o', 'd'};
    return encodeBatch(h, {r});
}

void exercise(const std::filesystem::path &dir, std::int64_t newestBase)
{
    std::int64_t endOffset = 0;
    std::int64_t startOffset = 0;
    {
        PartitionLog log(PartitionLog::Options {dir, 1 << 16, 256, false});
        if (log.logStartOffset() > log.logEndOffset()) {
            propertyFailed();
        }
        // The newest segment is checked batch by batch: what is left of it is valid.
        const auto newest = readFile(dir / Segment::fileName(newestBase, ".log"));
        if (std::filesystem::exists(dir / Segment::fileName(newestBase, ".log"))
            && validPrefixLength(newest) != newest.size()) {
            propertyFailed();
        }
        std::vector<std::uint8_t> out;
        log.read(log.logStartOffset(), 1 << 20, out, true);
        log.offsetForTimestamp(0);
        log.newestRecord();
        endOffset = log.logEndOffset();
        startOffset = log.logStartOffset();
    }
    {
        // Recovery is idempotent: the second opening finds what the first one left.
        PartitionLog log(PartitionLog::Options {dir, 1 << 16, 256, false});
        if (log.logEndOffset() != endOffset || log.logStartOffset() != startOffset) {
            propertyFailed();
        }
        if (endOffset >= RecordBatchHeader::kMaxOffset) {
            return;
        }
        const auto base = log.append(oneRecordBatch());
        if (base != endOffset || log.logEndOffset() != endOffset + 1) {
            propertyFailed();
        }
        std::vector<std::uint8_t> out;
        log.read(base, 1 << 20, out, true);
        if (out.size() < RecordBatchHeader::kSize
            || RecordBatchHeader::parse(out).baseOffset != base) {
            propertyFailed();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    brokerLog().set_level(spdlog::level::off);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2) {
        return 0;
    }
    const std::uint8_t flags = data[0];
    const std::int64_t newestBase = data[1];
    const auto parts = chippy::fuzz::splitParts(data + 2, size - 2, kParts);
    const auto part
        = [&](std::size_t i) { return i < parts.size() ? parts[i] : std::vector<std::uint8_t> {}; };
    const auto dir = scratchDir();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    writeSegment(dir, newestBase, part(0), part(1), part(2), flags & kFixCrcs);
    if ((flags & kOlderSegment) && newestBase > 0) {
        writeSegment(dir, 0, part(3), part(4), part(5), flags & kFixCrcs);
    }
    if (flags & kLogStartFile) {
        writeFile(dir / "log-start-offset", part(6));
    }
    exercise(dir, newestBase);
    std::filesystem::remove_all(dir);
    return 0;
}
