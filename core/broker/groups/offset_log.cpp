#include "offset_log.h"

#include "broker_log.h"
#include "protocol/crc32c.h"
#include "protocol/reader.h"
#include "protocol/writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace chippy::broker {

namespace {

constexpr std::int8_t kCommitRecord = 1;
constexpr std::int8_t kRemovalRecord = 2;
constexpr std::size_t kFrameHeaderBytes = 8; // payload length, then CRC-32C of the payload
constexpr std::uint32_t kMaxPayloadBytes = 1 << 20;
// Varint lengths: no limit on name lengths, and short records.
constexpr bool kCompactLengths = true;

void encodeRecord(Writer &w, const OffsetLog::Record &r)
{
    const auto lengthAt = w.placeholder32();
    const auto crcAt = w.placeholder32();
    const auto payloadStart = w.size();
    w.i8(r.removed ? kRemovalRecord : kCommitRecord);
    w.string(r.groupId);
    w.string(r.protocolType);
    w.string(r.topic);
    w.i32(r.partition);
    if (!r.removed) {
        w.i64(r.committed.offset);
        w.i32(r.committed.leaderEpoch);
        w.string(r.committed.metadata);
        w.i64(r.committed.commitTimestampMs);
    }
    const auto payload = std::span(w.buffer()).subspan(payloadStart);
    w.patch32(lengthAt, static_cast<std::uint32_t>(payload.size()));
    w.patch32(crcAt, crc32c(payload));
}

OffsetLog::Record decodePayload(std::span<const std::uint8_t> payload)
{
    Reader r(payload, kCompactLengths);
    const std::int8_t type = r.i8();
    if (type != kCommitRecord && type != kRemovalRecord) {
        throw DecodeError("unknown record type");
    }
    OffsetLog::Record rec;
    rec.removed = type == kRemovalRecord;
    rec.groupId = r.string();
    rec.protocolType = r.string();
    rec.topic = r.string();
    rec.partition = r.i32();
    if (rec.removed) {
        return rec;
    }
    rec.committed.offset = r.i64();
    rec.committed.leaderEpoch = r.i32();
    rec.committed.metadata = r.string();
    rec.committed.commitTimestampMs = r.i64();
    return rec;
}

bool writeAll(int fd, std::span<const std::uint8_t> data)
{
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        data = data.subspan(static_cast<std::size_t>(n));
    }
    return true;
}

std::filesystem::path compactingPath(const std::filesystem::path &file)
{
    auto p = file;
    p += ".compacting";
    return p;
}

void syncDirectory(const std::filesystem::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace

OffsetLog::OffsetLog(std::filesystem::path file)
    : m_path(std::move(file))
{
    std::error_code ec;
    std::filesystem::create_directories(m_path.parent_path(), ec);
    // A compaction that did not reach its rename left the old file complete.
    std::filesystem::remove(compactingPath(m_path), ec);
    recover();
    openForAppend();
}

OffsetLog::~OffsetLog()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void OffsetLog::recover()
{
    std::ifstream in(m_path, std::ios::binary);
    if (!in) {
        return;
    }
    const std::vector<std::uint8_t> data(
        (std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::span<const std::uint8_t> all(data);
    std::size_t pos = 0;
    while (data.size() - pos >= kFrameHeaderBytes) {
        Reader header(all.subspan(pos, kFrameHeaderBytes));
        const std::uint32_t length = header.u32();
        const std::uint32_t crc = header.u32();
        if (length > kMaxPayloadBytes || data.size() - pos - kFrameHeaderBytes < length) {
            break;
        }
        const auto payload = all.subspan(pos + kFrameHeaderBytes, length);
        if (crc32c(payload) != crc) {
            break;
        }
        try {
            m_recovered.push_back(decodePayload(payload));
        } catch (const DecodeError &) {
            break;
        }
        pos += kFrameHeaderBytes + length;
    }
    m_recordCount = m_recovered.size();
    m_sizeBytes = pos;
    if (pos < data.size()) {
        brokerLog().warn("{}: dropping {} unreadable bytes after {} committed offsets",
            m_path.string(), data.size() - pos, m_recordCount);
        std::filesystem::resize_file(m_path, pos);
    }
}

void OffsetLog::openForAppend()
{
    m_fd = ::open(m_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (m_fd < 0) {
        throw std::runtime_error(
            "cannot open " + m_path.string() + " for committed offsets: " + std::strerror(errno));
    }
}

bool OffsetLog::append(std::span<const Record> records)
{
    if (records.empty()) {
        return true;
    }
    Writer w(kCompactLengths);
    for (const auto &r : records) {
        encodeRecord(w, r);
    }
    if (!writeAll(m_fd, w.buffer())) {
        brokerLog().error(
            "cannot write committed offsets to {}: {}", m_path.string(), std::strerror(errno));
        // A partial record would hide every later one from recovery.
        if (::ftruncate(m_fd, static_cast<off_t>(m_sizeBytes)) != 0) {
            brokerLog().error("cannot cut {} back to its last whole record", m_path.string());
        }
        return false;
    }
    m_recordCount += records.size();
    m_sizeBytes += w.size();
    return true;
}

bool OffsetLog::rewrite(std::span<const Record> live)
{
    const auto temp = compactingPath(m_path);
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return false;
    }
    Writer w(kCompactLengths);
    for (const auto &r : live) {
        encodeRecord(w, r);
    }
    const bool written = writeAll(fd, w.buffer()) && ::fsync(fd) == 0;
    ::close(fd);
    std::error_code ec;
    if (!written) {
        std::filesystem::remove(temp, ec);
        return false;
    }
    std::filesystem::rename(temp, m_path, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        return false;
    }
    syncDirectory(m_path.parent_path());
    ::close(m_fd);
    openForAppend();
    m_recordCount = live.size();
    m_sizeBytes = w.size();
    return true;
}

} // namespace chippy::broker
