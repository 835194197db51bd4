#include "segment_store.h"

#include <algorithm>
#include <cstring>

namespace chippy::broker {
namespace {

// Fixed-size chunks rather than one growing buffer: appends never move what is stored.
class MemoryStore final : public SegmentStore
{
public:
    std::uint64_t size() const override { return m_size; }

    void append(std::span<const std::uint8_t> bytes) override
    {
        while (!bytes.empty()) {
            const std::size_t used = m_size % kChunkBytes;
            if (used == 0 && m_size / kChunkBytes == m_chunks.size()) {
                m_chunks.push_back(std::make_unique_for_overwrite<std::uint8_t[]>(kChunkBytes));
            }
            const std::size_t n = std::min(bytes.size(), kChunkBytes - used);
            std::memcpy(m_chunks[m_size / kChunkBytes].get() + used, bytes.data(), n);
            m_size += n;
            bytes = bytes.subspan(n);
        }
    }

    std::span<const std::uint8_t> view(std::uint64_t position, std::size_t length,
        std::vector<std::uint8_t> &scratch) const override
    {
        const std::size_t offset = position % kChunkBytes;
        if (offset + length <= kChunkBytes) {
            return {m_chunks[position / kChunkBytes].get() + offset, length};
        }
        scratch.resize(length);
        copyTo(position, scratch);
        return scratch;
    }

    void copyTo(std::uint64_t position, std::span<std::uint8_t> into) const override
    {
        while (!into.empty()) {
            const std::size_t offset = position % kChunkBytes;
            const std::size_t n = std::min(into.size(), kChunkBytes - offset);
            std::memcpy(into.data(), m_chunks[position / kChunkBytes].get() + offset, n);
            position += n;
            into = into.subspan(n);
        }
    }

    void truncate(std::uint64_t size) override
    {
        m_size = std::min(size, m_size);
        m_chunks.resize((m_size + kChunkBytes - 1) / kChunkBytes);
    }

    void sync() override { }

    void remove() override
    {
        m_chunks.clear();
        m_size = 0;
    }

private:
    static constexpr std::size_t kChunkBytes = 1 << 20;

    std::vector<std::unique_ptr<std::uint8_t[]>> m_chunks;
    std::uint64_t m_size = 0;
};

class FileStore final : public SegmentStore
{
public:
    FileStore(const std::filesystem::path &path, AppendFile::Mode mode)
        : m_file(path, mode)
    { }

    std::uint64_t size() const override { return m_file.size(); }
    void append(std::span<const std::uint8_t> bytes) override { m_file.append(bytes); }
    std::span<const std::uint8_t> view(std::uint64_t position, std::size_t length,
        std::vector<std::uint8_t> &scratch) const override
    {
        scratch.resize(length);
        m_file.readAt(position, scratch);
        return scratch;
    }
    void copyTo(std::uint64_t position, std::span<std::uint8_t> into) const override
    {
        m_file.readAt(position, into);
    }
    void truncate(std::uint64_t size) override { m_file.truncate(size); }
    void sync() override { m_file.sync(); }
    void remove() override { m_file.remove(); }

private:
    AppendFile m_file;
};

} // namespace

std::unique_ptr<SegmentStore> SegmentStore::inMemory()
{
    return std::make_unique<MemoryStore>();
}

std::unique_ptr<SegmentStore> SegmentStore::inFile(
    const std::filesystem::path &path, AppendFile::Mode mode)
{
    return std::make_unique<FileStore>(path, mode);
}

} // namespace chippy::broker
