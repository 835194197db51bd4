#include "config_value.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

namespace chippy::broker {
namespace {

// Java's String.trim: every character up to and including the space goes.
std::string_view trim(std::string_view s)
{
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') {
        s.remove_prefix(1);
    }
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') {
        s.remove_suffix(1);
    }
    return s;
}

// Kafka splits lists at commas with any whitespace around them; an empty text is no items.
std::vector<std::string> splitList(std::string_view text)
{
    std::vector<std::string> items;
    text = trim(text);
    if (text.empty()) {
        return items;
    }
    while (true) {
        const auto comma = text.find(',');
        items.emplace_back(trim(text.substr(0, comma)));
        if (comma == std::string_view::npos) {
            return items;
        }
        text.remove_prefix(comma + 1);
    }
}

std::string join(const std::vector<std::string> &items, std::string_view separator)
{
    std::string out;
    for (const auto &item : items) {
        out += (out.empty() ? "" : std::string(separator)) + item;
    }
    return out;
}

const char *typeName(ConfigType type)
{
    switch (type) {
    case ConfigType::Int:
        return "INT";
    case ConfigType::Double:
        return "DOUBLE";
    default:
        return "LONG";
    }
}

std::optional<double> parseDouble(std::string_view text)
{
    text = trim(text);
    bool negative = false;
    if (!text.empty() && (text.front() == '+' || text.front() == '-')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    if (text == "NaN") {
        return std::numeric_limits<double>::quiet_NaN();
    }
    if (text == "Infinity") {
        return negative ? -HUGE_VAL : HUGE_VAL;
    }
    // from_chars also reads "inf" and "nan", which Java does not.
    if (text.empty()
        || !(std::isdigit(static_cast<unsigned char>(text.front())) || text.front() == '.')) {
        return std::nullopt;
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return negative ? -v : v;
}

// As Java's Double.toString prints it: "0.5", "2.0", "1.0E10", "NaN".
std::string doubleText(double v)
{
    if (std::isnan(v)) {
        return "NaN";
    }
    if (std::isinf(v)) {
        return v < 0 ? "-Infinity" : "Infinity";
    }
    constexpr double kFixedFrom = 1e-3;
    constexpr double kFixedBelow = 1e7;
    char buf[64];
    const double magnitude = std::fabs(v);
    if (magnitude == 0 || (magnitude >= kFixedFrom && magnitude < kFixedBelow)) {
        const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed).ptr;
        std::string s(buf, end);
        if (s.find('.') == std::string::npos) {
            s += ".0";
        }
        return s;
    }
    const auto end = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific).ptr;
    const std::string s(buf, end);
    const auto e = s.find('e');
    std::string mantissa = s.substr(0, e);
    if (mantissa.find('.') == std::string::npos) {
        mantissa += ".0";
    }
    const int exponent = std::stoi(s.substr(e + 1));
    return mantissa + "E" + std::to_string(exponent);
}

CheckedConfigValue refuse(const TopicConfigDef &def, std::string_view shown, std::string why)
{
    return {{},
        "Invalid value " + std::string(shown) + " for configuration " + std::string(def.name) + ": "
            + why};
}

std::optional<std::string> rangeProblem(const TopicConfigDef &def, double v)
{
    // A NaN passes, as it does in Kafka: no comparison with it is true.
    switch (def.check) {
    case ValueCheck::AtLeast:
        if (v < static_cast<double>(def.min)) {
            return "Value must be at least " + std::to_string(def.min);
        }
        return std::nullopt;
    case ValueCheck::Between:
    case ValueCheck::Fraction:
        if (v < static_cast<double>(def.min)) {
            return "Value must be at least " + std::to_string(def.min);
        }
        if (v > static_cast<double>(def.max)) {
            return "Value must be no more than " + std::to_string(def.max);
        }
        return std::nullopt;
    case ValueCheck::AtLeastOrMinusOne:
        if (v != -1 && (v < static_cast<double>(def.min) || v > static_cast<double>(def.max))) {
            return "Value must be between " + std::to_string(def.min) + " and "
                + std::to_string(def.max) + " or equal to -1";
        }
        return std::nullopt;
    default:
        return std::nullopt;
    }
}

CheckedConfigValue checkNumber(const TopicConfigDef &def, std::string_view value)
{
    std::string canonical;
    double asDouble = 0;
    if (def.type == ConfigType::Double) {
        const auto v = parseDouble(value);
        if (!v) {
            return refuse(def, value, "Not a number of type DOUBLE");
        }
        canonical = doubleText(*v);
        asDouble = *v;
    } else {
        const auto v = parseConfigLong(value);
        const bool fits = v
            && (def.type != ConfigType::Int
                || (*v >= std::numeric_limits<std::int32_t>::min()
                    && *v <= std::numeric_limits<std::int32_t>::max()));
        if (!fits) {
            return refuse(def, value, std::string("Not a number of type ") + typeName(def.type));
        }
        canonical = std::to_string(*v);
        asDouble = static_cast<double>(*v);
    }
    if (auto problem = rangeProblem(def, asDouble)) {
        return refuse(def, canonical, std::move(*problem));
    }
    return {canonical, std::nullopt};
}

CheckedConfigValue checkBoolean(const TopicConfigDef &def, std::string_view value)
{
    std::string lower(trim(value));
    for (auto &c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower != "true" && lower != "false") {
        return refuse(def, value, "Expected value to be either true or false");
    }
    if (def.check == ValueCheck::LocalOnlyStorage && lower == "true") {
        return refuse(def, lower, "tiered storage is not available on this broker");
    }
    return {lower, std::nullopt};
}

CheckedConfigValue checkString(const TopicConfigDef &def, std::string_view value)
{
    const std::string text(trim(value));
    if (def.check == ValueCheck::OneOf) {
        const auto choices = splitList(def.choices);
        if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
            return refuse(def, text, "String must be one of: " + join(choices, ", "));
        }
    }
    return {text, std::nullopt};
}

bool isReplicaPair(const std::string &item)
{
    const auto colon = item.find(':');
    const auto digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) != 0;
        });
    };
    return item.empty()
        || (colon != std::string::npos && digits(std::string_view(item).substr(0, colon))
            && digits(std::string_view(item).substr(colon + 1)));
}

CheckedConfigValue checkList(const TopicConfigDef &def, std::string_view value)
{
    const auto items = splitList(value);
    if (def.check == ValueCheck::CleanupPolicy) {
        const auto choices = splitList(def.choices);
        for (const auto &item : items) {
            if (std::find(choices.begin(), choices.end(), item) == choices.end()) {
                return refuse(def, item, "String must be one of: " + join(choices, ", "));
            }
        }
        if (std::find(items.begin(), items.end(), "compact") != items.end()) {
            return refuse(def, "compact",
                "compaction is not supported by this broker; use delete, or an empty list to "
                "keep records for ever");
        }
    }
    if (def.check == ValueCheck::ThrottledReplicas) {
        const bool all = items.size() == 1 && items.front() == "*";
        if (!all && !std::all_of(items.begin(), items.end(), isReplicaPair)) {
            return refuse(def, "[" + join(items, ", ") + "]",
                std::string(def.name)
                    + " must be '*' or a comma-separated list of PARTITION:BROKER pairs");
        }
    }
    return {join(items, ","), std::nullopt};
}

} // namespace

std::optional<std::int64_t> parseConfigLong(std::string_view text)
{
    text = trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
        if (!text.empty() && text.front() == '-') {
            return std::nullopt;
        }
    }
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return v;
}

CheckedConfigValue checkConfigValue(const TopicConfigDef &def, std::string_view value)
{
    switch (def.type) {
    case ConfigType::Int:
    case ConfigType::Long:
    case ConfigType::Double:
        return checkNumber(def, value);
    case ConfigType::Boolean:
        return checkBoolean(def, value);
    case ConfigType::List:
        return checkList(def, value);
    default:
        return checkString(def, value);
    }
}

} // namespace chippy::broker
