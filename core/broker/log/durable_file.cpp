#include "durable_file.h"

#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace chippy::broker {
namespace {

[[noreturn]] void fail(const char *what, const std::filesystem::path &path)
{
    throw std::system_error(
        errno, std::generic_category(), std::string("cannot ") + what + " " + path.string());
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

void writeFileAtomically(const std::filesystem::path &path, std::string_view content)
{
    auto temporary = path;
    temporary += kTemporarySuffix;
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        fail("create", temporary);
    }
    std::size_t done = 0;
    while (done < content.size()) {
        const auto n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            const int saved = errno;
            ::close(fd);
            errno = saved;
            fail("write", temporary);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        fail("sync", temporary);
    }
    ::close(fd);
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        fail("rename into place", path);
    }
    syncDirectory(path.parent_path());
}

std::optional<std::string> readSmallFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        return std::nullopt;
    }
    return content.str();
}

} // namespace chippy::broker
