#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace chippy::broker {

// The environment variable that may hold SASL/PLAIN users, in the users file's format.
inline constexpr const char *kSaslUsersEnvironmentVariable = "CHIPPY_SASL_USERS";

// Reads SASL/PLAIN users from text: one NAME:PASSWORD per line (the password may hold
// colons), blank lines and lines starting with # skipped. Returns why it cannot, or nothing.
std::optional<std::string> parseSaslUsers(
    std::string_view text, std::map<std::string, std::string> &users);

// Reads a users file; refused when its group or others may read it, since it holds
// passwords in the clear (the file is the safe way: a command line shows in ps).
std::optional<std::string> loadSaslUsersFile(
    const std::filesystem::path &path, std::map<std::string, std::string> &users);

} // namespace chippy::broker
