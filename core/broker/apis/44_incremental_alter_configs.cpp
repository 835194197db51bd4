#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "configs/config_catalog.h"
#include "protocol/error_code.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <vector>

namespace chippy::broker {
namespace {

enum class Operation : std::int8_t {
    Set = 0,
    Delete = 1,
    Append = 2,
    Subtract = 3,
};

struct Change
{
    std::string name;
    std::int8_t operation;
    std::optional<std::string> value;
};

struct ResourceResult
{
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
};

std::vector<std::string> splitList(const std::string &text)
{
    std::vector<std::string> items;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        if (!item.empty()) {
            items.push_back(item);
        }
    }
    return items;
}

std::string joinList(const std::vector<std::string> &items)
{
    std::string text;
    for (const auto &item : items) {
        text += (text.empty() ? "" : ",") + item;
    }
    return text;
}

// Applies one APPEND or SUBTRACT to a list config's value in effect.
std::string editList(const std::string &current, const std::string &given, Operation op)
{
    auto items = splitList(current);
    for (const auto &item : splitList(given)) {
        const auto at = std::find(items.begin(), items.end(), item);
        if (op == Operation::Append && at == items.end()) {
            items.push_back(item);
        } else if (op == Operation::Subtract && at != items.end()) {
            items.erase(at);
        }
    }
    return joinList(items);
}

ResourceResult refuse(ErrorCode error, std::string message)
{
    return {error, std::move(message)};
}

// Works out the topic's new overrides; says why when a change cannot apply.
std::optional<ResourceResult> applyChanges(const std::vector<DescribedConfig> &described,
    const std::vector<Change> &changes, std::map<std::string, std::string> &overrides)
{
    std::set<std::string> seen;
    for (const auto &c : changes) {
        if (!seen.insert(c.name).second) {
            return refuse(
                ErrorCode::InvalidRequest, "config " + c.name + " is changed more than once");
        }
        const auto op = static_cast<Operation>(c.operation);
        const auto it = std::find_if(described.begin(), described.end(),
            [&](const DescribedConfig &d) { return d.name == c.name; });
        switch (op) {
        case Operation::Set:
            if (!c.value) {
                return refuse(
                    ErrorCode::InvalidRequest, "config " + c.name + " cannot be set to null");
            }
            overrides[c.name] = *c.value;
            break;
        case Operation::Delete:
            overrides.erase(c.name);
            break;
        case Operation::Append:
        case Operation::Subtract:
            if (it == described.end() || it->type != ConfigType::List) {
                return refuse(ErrorCode::InvalidConfig,
                    "config " + c.name
                        + " is not a list, so it cannot be appended to or subtracted from");
            }
            overrides[c.name] = editList(it->value.value_or(""), c.value.value_or(""), op);
            break;
        default:
            return refuse(ErrorCode::InvalidRequest,
                "unknown config operation " + std::to_string(c.operation));
        }
    }
    return std::nullopt;
}

ResourceResult alterTopic(BrokerState &state, const std::string &name,
    const std::vector<Change> &changes, bool validateOnly)
{
    const Topic *topic = state.topics.find(name);
    if (!topic) {
        return refuse(ErrorCode::UnknownTopicOrPartition, "topic " + name + " does not exist");
    }
    auto overrides = topic->config.overrides;
    if (auto refused
        = applyChanges(describeTopicConfigs(*topic, state.config), changes, overrides)) {
        return *refused;
    }
    const auto altered = state.topics.alterConfigs(name, overrides, validateOnly);
    if (altered.error != ErrorCode::None) {
        return refuse(altered.error, altered.message);
    }
    if (!validateOnly) {
        brokerLog().info("topic {} now has {} config overrides", name, overrides.size());
    }
    return {};
}

ResourceResult alter(BrokerState &state, std::int8_t type, const std::string &name,
    const std::vector<Change> &changes, bool validateOnly)
{
    switch (static_cast<ConfigResourceType>(type)) {
    case ConfigResourceType::Topic:
        return alterTopic(state, name, changes, validateOnly);
    case ConfigResourceType::Broker:
        return refuse(ErrorCode::InvalidRequest,
            "broker configs come from the broker's command line and cannot be altered while "
            "it runs");
    default:
        return refuse(ErrorCode::InvalidRequest,
            "configs of resource type " + std::to_string(type) + " are not supported");
    }
}

void handleIncrementalAlterConfigs(
    BrokerState &state, const RequestHeader &, Reader &body, Responder respond)
{
    struct Resource
    {
        std::int8_t type;
        std::string name;
        std::vector<Change> changes;
    };
    std::vector<Resource> resources;
    body.forEach([&] {
        Resource r {body.i8(), body.string(), {}};
        body.forEach([&] {
            Change c {body.string(), body.i8(), body.nullableString()};
            body.skipTags();
            r.changes.push_back(std::move(c));
        });
        body.skipTags();
        resources.push_back(std::move(r));
    });
    const bool validateOnly = body.boolean();
    body.skipTags();

    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.arrayLength(resources.size());
    for (const auto &resource : resources) {
        const auto r = alter(state, resource.type, resource.name, resource.changes, validateOnly);
        w.i16(code(r.error));
        w.nullableString(r.message);
        w.i8(resource.type);
        w.string(resource.name);
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kIncrementalAlterConfigsApi {ApiKey::IncrementalAlterConfigs,
    "IncrementalAlterConfigs", 0, 1, 1, &handleIncrementalAlterConfigs};

} // namespace chippy::broker
