#include "topic_store.h"

#include "broker_log.h"
#include "durable_file.h"

#include <charconv>
#include <sstream>

namespace chippy::broker {
namespace {

constexpr const char *kTopicsDir = "topics";
constexpr const char *kConfigPrefix = "config.";

// Values are kept one per line, so line breaks and backslashes are escaped.
std::string escape(const std::string &s)
{
    std::string out;
    for (const char c : s) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::optional<std::string> unescape(const std::string &s)
{
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\') {
            out += s[i];
            continue;
        }
        if (++i == s.size()) {
            return std::nullopt;
        }
        switch (s[i]) {
        case '\\':
            out += '\\';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        default:
            return std::nullopt;
        }
    }
    return out;
}

std::string hex(const TopicId &id)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (const auto b : id) {
        out += kDigits[b >> 4];
        out += kDigits[b & 0xf];
    }
    return out;
}

std::optional<TopicId> parseHex(const std::string &s)
{
    TopicId id {};
    if (s.size() != id.size() * 2) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < id.size(); ++i) {
        const auto [end, ec] = std::from_chars(s.data() + 2 * i, s.data() + 2 * i + 2, id[i], 16);
        if (ec != std::errc() || end != s.data() + 2 * i + 2) {
            return std::nullopt;
        }
    }
    return id;
}

} // namespace

std::string TopicMetadata::serialize() const
{
    std::string out = "name=" + escape(name) + "\nid=" + hex(id)
        + "\npartitions=" + std::to_string(partitionCount) + "\n";
    for (const auto &[key, value] : configOverrides) {
        out += kConfigPrefix + escape(key) + "=" + escape(value) + "\n";
    }
    return out;
}

std::optional<TopicMetadata> TopicMetadata::parse(const std::string &text)
{
    TopicMetadata t;
    bool hasName = false;
    bool hasId = false;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        const auto eq = line.find('=');
        if (eq == std::string::npos) {
            return std::nullopt;
        }
        const std::string key = line.substr(0, eq);
        const auto value = unescape(line.substr(eq + 1));
        if (!value) {
            return std::nullopt;
        }
        if (key == "name") {
            t.name = *value;
            hasName = true;
        } else if (key == "id") {
            const auto id = parseHex(*value);
            if (!id) {
                return std::nullopt;
            }
            t.id = *id;
            hasId = true;
        } else if (key == "partitions") {
            const auto [end, ec]
                = std::from_chars(value->data(), value->data() + value->size(), t.partitionCount);
            if (ec != std::errc() || end != value->data() + value->size()) {
                return std::nullopt;
            }
        } else if (key.starts_with(kConfigPrefix)) {
            const auto configKey = unescape(key.substr(std::string_view(kConfigPrefix).size()));
            if (!configKey) {
                return std::nullopt;
            }
            t.configOverrides[*configKey] = *value;
        }
    }
    if (!hasName || !hasId || t.partitionCount < 1) {
        return std::nullopt;
    }
    return t;
}

TopicStore::TopicStore(std::filesystem::path dataDir)
    : m_dataDir(std::move(dataDir))
{ }

std::filesystem::path TopicStore::partitionDir(
    const std::string &topic, std::int32_t partition) const
{
    return m_dataDir / (topic + "-" + std::to_string(partition));
}

std::filesystem::path TopicStore::metadataPath(const std::string &topic) const
{
    return m_dataDir / kTopicsDir / topic;
}

std::vector<TopicMetadata> TopicStore::loadAll() const
{
    std::vector<TopicMetadata> topics;
    const auto dir = m_dataDir / kTopicsDir;
    if (!std::filesystem::exists(dir)) {
        return topics;
    }
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        const auto &path = entry.path();
        if (isTemporaryFile(path)) {
            std::filesystem::remove(path);
            continue;
        }
        const auto text = readSmallFile(path);
        auto topic = text ? TopicMetadata::parse(*text) : std::nullopt;
        if (!topic || path.filename().string() != topic->name) {
            brokerLog().error("skipping unreadable topic description {}", path.string());
            continue;
        }
        topics.push_back(std::move(*topic));
    }
    return topics;
}

void TopicStore::save(const TopicMetadata &topic) const
{
    std::filesystem::create_directories(m_dataDir / kTopicsDir);
    writeFileAtomically(metadataPath(topic.name), topic.serialize());
}

void TopicStore::forget(const std::string &topic, std::error_code &ec) const
{
    std::filesystem::remove(metadataPath(topic), ec);
}

} // namespace chippy::broker
