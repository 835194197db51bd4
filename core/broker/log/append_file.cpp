#include "append_file.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <system_error>
#include <unistd.h>

namespace chippy::broker {
namespace {

constexpr int kMaxPiecesPerWrite = 16;

[[noreturn]] void fail(const char *what, const std::filesystem::path &path)
{
    throw std::system_error(
        errno, std::generic_category(), std::string("cannot ") + what + " " + path.string());
}

} // namespace

AppendFile::AppendFile(std::filesystem::path path, Mode mode)
    : m_path(std::move(path))
{
    const int flags = O_RDWR | O_CREAT | O_CLOEXEC | (mode == Mode::CreateEmpty ? O_TRUNC : 0);
    m_fd = ::open(m_path.c_str(), flags, 0644);
    if (m_fd < 0) {
        fail("open", m_path);
    }
    struct stat st
    { };
    if (::fstat(m_fd, &st) != 0) {
        const int saved = errno;
        ::close(m_fd);
        errno = saved;
        fail("stat", m_path);
    }
    m_size = static_cast<std::uint64_t>(st.st_size);
}

AppendFile::~AppendFile()
{
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void AppendFile::append(std::span<const Piece> pieces)
{
    std::uint64_t written = 0;
    std::size_t first = 0; // the first piece not wholly written, and how much of it is
    std::size_t firstDone = 0;
    while (true) {
        while (first < pieces.size() && firstDone == pieces[first].size()) {
            ++first;
            firstDone = 0;
        }
        if (first == pieces.size()) {
            break;
        }
        iovec vectors[kMaxPiecesPerWrite];
        int count = 0;
        for (std::size_t i = first; i < pieces.size() && count < kMaxPiecesPerWrite; ++i) {
            const std::size_t skip = i == first ? firstDone : 0;
            vectors[count++]
                = {const_cast<std::uint8_t *>(pieces[i].data()) + skip, pieces[i].size() - skip};
        }
        const auto n = ::pwritev(m_fd, vectors, count, static_cast<off_t>(m_size + written));
        if (n <= 0) {
            if (n < 0 && errno == EINTR) {
                continue;
            }
            const int saved = n == 0 ? EIO : errno;
            [[maybe_unused]] const int ignored = ::ftruncate(m_fd, static_cast<off_t>(m_size));
            errno = saved;
            fail("write to", m_path);
        }
        written += static_cast<std::uint64_t>(n);
        for (auto left = static_cast<std::size_t>(n); left > 0;) {
            const std::size_t step = std::min(left, pieces[first].size() - firstDone);
            firstDone += step;
            left -= step;
            if (firstDone == pieces[first].size()) {
                ++first;
                firstDone = 0;
            }
        }
    }
    m_size += written;
}

void AppendFile::readAt(std::uint64_t position, std::span<std::uint8_t> into) const
{
    std::size_t done = 0;
    while (done < into.size()) {
        const auto n = ::pread(
            m_fd, into.data() + done, into.size() - done, static_cast<off_t>(position + done));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            if (n == 0) {
                errno = EIO; // the file is shorter than we were told
            }
            fail("read", m_path);
        }
        done += static_cast<std::size_t>(n);
    }
}

std::vector<std::uint8_t> AppendFile::readAll() const
{
    std::vector<std::uint8_t> out(m_size);
    readAt(0, out);
    return out;
}

void AppendFile::truncate(std::uint64_t size)
{
    if (::ftruncate(m_fd, static_cast<off_t>(size)) != 0) {
        fail("truncate", m_path);
    }
    m_size = size;
}

void AppendFile::sync()
{
    if (::fdatasync(m_fd) != 0) {
        fail("sync", m_path);
    }
}

void AppendFile::rewrite(std::span<const std::uint8_t> bytes)
{
    truncate(0);
    append(bytes);
}

void AppendFile::remove()
{
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
    std::error_code ignored;
    std::filesystem::remove(m_path, ignored);
    m_size = 0;
}

} // namespace chippy::broker
