#include "sasl_users.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace chippy::broker {

std::optional<std::string> parseSaslUsers(
    std::string_view text, std::map<std::string, std::string> &users)
{
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        const auto end = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        ++lineNumber;
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto colon = line.find(':');
        if (colon == 0 || colon == std::string_view::npos) {
            return "line " + std::to_string(lineNumber) + " is not NAME:PASSWORD";
        }
        users[std::string(line.substr(0, colon))] = std::string(line.substr(colon + 1));
    }
    return std::nullopt;
}

std::optional<std::string> loadSaslUsersFile(
    const std::filesystem::path &path, std::map<std::string, std::string> &users)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::is_regular_file(status)) {
        return path.string() + " is not a readable file";
    }
    constexpr auto kOthersMayRead = fs::perms::group_read | fs::perms::others_read;
    if ((status.permissions() & kOthersMayRead) != fs::perms::none) {
        return path.string()
            + " holds passwords but others may read it: make it readable by its owner alone "
              "(chmod 600)";
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return "cannot read " + path.string();
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (auto problem = parseSaslUsers(text.str(), users)) {
        return path.string() + ": " + *problem;
    }
    return std::nullopt;
}

} // namespace chippy::broker
