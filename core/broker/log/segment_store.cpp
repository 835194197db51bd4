#include "segment_store.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <sys/mman.h>

namespace chippy::broker {
namespace {

constexpr std::size_t kChunkBytes = 2 << 20;

struct Unmap
{
    void operator()(std::uint8_t *chunk) const { ::munmap(chunk, kChunkBytes); }
};
using Chunk = std::unique_ptr<std::uint8_t, Unmap>;

// Memory straight from the kernel. With populate all of it is mapped in one call: a page fault
// for every 4 KiB costs more than copying the data in, most of all in a virtual machine. Only
// where asked, so that an idle partition takes memory as it is used.
Chunk allocateChunk(bool populate)
{
    void *chunk
        = ::mmap(nullptr, kChunkBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (chunk == MAP_FAILED) {
        throw std::bad_alloc();
    }
#ifdef MADV_POPULATE_WRITE
    if (populate) {
        // Older kernels refuse it; the pages then come on first use.
        ::madvise(chunk, kChunkBytes, MADV_POPULATE_WRITE);
    }
#endif
    return Chunk(static_cast<std::uint8_t *>(chunk));
}

// Fixed-size chunks rather than one growing buffer: appends never move what is stored.
class MemoryStore final : public SegmentStore
{
public:
    std::uint64_t size() const override { return m_size; }

    void append(std::span<const Piece> pieces) override
    {
        for (auto bytes : pieces) {
            appendOne(bytes);
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
    void appendOne(Piece bytes)
    {
        while (!bytes.empty()) {
            const std::size_t used = m_size % kChunkBytes;
            if (used == 0 && m_size / kChunkBytes == m_chunks.size()) {
                // A segment that has filled one chunk is being written to in earnest.
                m_chunks.push_back(allocateChunk(!m_chunks.empty()));
            }
            const std::size_t n = std::min(bytes.size(), kChunkBytes - used);
            std::memcpy(m_chunks[m_size / kChunkBytes].get() + used, bytes.data(), n);
            m_size += n;
            bytes = bytes.subspan(n);
        }
    }

    std::vector<Chunk> m_chunks;
    std::uint64_t m_size = 0;
};

class FileStore final : public SegmentStore
{
public:
    FileStore(const std::filesystem::path &path, AppendFile::Mode mode)
        : m_file(path, mode)
    { }

    std::uint64_t size() const override { return m_file.size(); }
    void append(std::span<const Piece> pieces) override { m_file.append(pieces); }
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
