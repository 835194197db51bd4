#pragma once

#include "append_file.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

namespace chippy::broker {

// The bytes of one log segment: a file under the data directory, or memory when the broker
// keeps no data directory. Both hold the batches exactly as they are served.
class SegmentStore
{
public:
    virtual ~SegmentStore() = default;

    using Piece = AppendFile::Piece;

    virtual std::uint64_t size() const = 0;
    // Stores the pieces one after another at the end, all or none of them.
    virtual void append(std::span<const Piece> pieces) = 0;
    // The bytes [position, position + length): a view into memory, or read into scratch.
    virtual std::span<const std::uint8_t> view(
        std::uint64_t position, std::size_t length, std::vector<std::uint8_t> &scratch) const = 0;
    virtual void copyTo(std::uint64_t position, std::span<std::uint8_t> into) const = 0;
    virtual void truncate(std::uint64_t size) = 0;
    virtual void sync() = 0;
    // Releases the bytes, deleting the file if there is one.
    virtual void remove() = 0;

    static std::unique_ptr<SegmentStore> inMemory();
    static std::unique_ptr<SegmentStore> inFile(
        const std::filesystem::path &path, AppendFile::Mode mode);
};

} // namespace chippy::broker
