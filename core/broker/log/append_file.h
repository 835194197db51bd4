#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace chippy::broker {

// A file that only grows at its end (or is cut back), read at any position with pread.
// Errors throw std::system_error naming the file.
class AppendFile
{
public:
    enum class Mode { OpenOrCreate, CreateEmpty };

    AppendFile(std::filesystem::path path, Mode mode);
    ~AppendFile();
    AppendFile(const AppendFile &) = delete;
    AppendFile &operator=(const AppendFile &) = delete;

    const std::filesystem::path &path() const { return m_path; }
    std::uint64_t size() const { return m_size; }

    using Piece = std::span<const std::uint8_t>;

    // Writes all of bytes at the end before returning; on failure the file is cut back to
    // where it was, so a half-written append never stays behind.
    void append(std::span<const std::uint8_t> bytes) { append(std::span(&bytes, 1)); }
    // The same for pieces written one after another, in as few system calls as they allow.
    void append(std::span<const Piece> pieces);
    // Fills into from position; the range must lie inside the file.
    void readAt(std::uint64_t position, std::span<std::uint8_t> into) const;
    std::vector<std::uint8_t> readAll() const;
    void truncate(std::uint64_t size);
    void sync();
    // Replaces the whole content.
    void rewrite(std::span<const std::uint8_t> bytes);
    // Closes and deletes the file.
    void remove();

private:
    std::filesystem::path m_path;
    int m_fd = -1;
    std::uint64_t m_size = 0;
};

} // namespace chippy::broker
