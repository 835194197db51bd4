#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace chippy::broker {

// One character, and one no topic name may contain, so temporary names stay within NAME_MAX
// and never look like anything else in the data directory.
inline constexpr char kTemporarySuffix = '~';

// True for a temporary file an interrupted writeFileAtomically left behind.
inline bool isTemporaryFile(const std::filesystem::path &path)
{
    const auto name = path.filename().string();
    return !name.empty() && name.back() == kTemporarySuffix;
}

// Replaces the file's content all at once: the new content goes to a temporary file beside
// it (named with kTemporarySuffix), is synced, and is renamed over the old one, so a crash
// leaves the old or the new. Throws std::system_error when it cannot.
void writeFileAtomically(const std::filesystem::path &path, std::string_view content);

// The whole content of a small file, or nothing when it cannot be read.
std::optional<std::string> readSmallFile(const std::filesystem::path &path);

} // namespace chippy::broker
