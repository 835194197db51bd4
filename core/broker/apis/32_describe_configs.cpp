#include "api.h"
#include "broker_state.h"
#include "configs/config_catalog.h"
#include "protocol/error_code.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace chippy::broker {
namespace {

struct ResourceResult
{
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
    std::int8_t type = 0;
    std::string name;
    std::vector<DescribedConfig> configs;
};

ResourceResult describe(BrokerState &state, std::int8_t type, const std::string &name)
{
    ResourceResult r;
    r.type = type;
    r.name = name;
    switch (static_cast<ConfigResourceType>(type)) {
    case ConfigResourceType::Topic:
        if (auto reason = TopicRegistry::invalidNameReason(name)) {
            r.error = ErrorCode::InvalidTopicException;
            r.message = *reason;
        } else if (const Topic *topic = state.topics.find(name)) {
            r.configs = describeTopicConfigs(*topic, state.config);
        } else {
            r.error = ErrorCode::UnknownTopicOrPartition;
            r.message = "topic " + name + " does not exist";
        }
        return r;
    case ConfigResourceType::Broker:
        // An empty name asks for the cluster-wide defaults, which are this broker's.
        if (name.empty() || name == std::to_string(state.config.nodeId)) {
            r.configs = describeBrokerConfigs(state.config, state.advertisedHost, state.port);
        } else {
            r.error = ErrorCode::InvalidRequest;
            r.message = "this is broker " + std::to_string(state.config.nodeId)
                + ", the only one in the cluster, not broker '" + name + "'";
        }
        return r;
    default:
        r.error = ErrorCode::InvalidRequest;
        r.message = "configs of resource type " + std::to_string(type) + " are not supported";
        return r;
    }
}

void keepOnly(std::vector<DescribedConfig> &configs, const std::vector<std::string> &keys)
{
    std::erase_if(configs, [&](const DescribedConfig &c) {
        return std::find(keys.begin(), keys.end(), c.name) == keys.end();
    });
}

void writeConfig(Writer &w, std::int16_t version, const DescribedConfig &c, bool withSynonyms,
    bool withDocumentation)
{
    w.string(c.name);
    w.nullableString(c.value);
    w.boolean(c.readOnly);
    if (version == 0) {
        w.boolean(c.source == ConfigSource::DefaultConfig);
    } else {
        w.i8(static_cast<std::int8_t>(c.source));
    }
    w.boolean(c.sensitive);
    if (version >= 1) {
        w.arrayLength(withSynonyms ? c.synonyms.size() : 0);
        if (withSynonyms) {
            for (const auto &s : c.synonyms) {
                w.string(s.name);
                w.nullableString(s.value);
                w.i8(static_cast<std::int8_t>(s.source));
                w.tags();
            }
        }
    }
    if (version >= 3) {
        w.i8(static_cast<std::int8_t>(c.type));
        w.nullableString(
            withDocumentation ? std::optional(c.documentation) : std::optional<std::string>());
    }
    w.tags();
}

void handleDescribeConfigs(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto version = header.apiVersion;
    std::vector<ResourceResult> results;
    body.forEach([&] {
        const auto type = body.i8();
        const auto name = body.string();
        std::optional<std::vector<std::string>> keys;
        const auto n = body.arrayLength();
        if (n >= 0) {
            keys.emplace();
            for (std::int32_t i = 0; i < n; ++i) {
                keys->push_back(body.string());
            }
        }
        body.skipTags();
        auto result = describe(state, type, name);
        if (keys) {
            keepOnly(result.configs, *keys);
        }
        results.push_back(std::move(result));
    });
    const bool withSynonyms = version >= 1 && body.boolean();
    const bool withDocumentation = version >= 3 && body.boolean();
    body.skipTags();

    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.arrayLength(results.size());
    for (const auto &r : results) {
        w.i16(code(r.error));
        w.nullableString(r.message);
        w.i8(r.type);
        w.string(r.name);
        w.arrayLength(r.configs.size());
        for (const auto &c : r.configs) {
            writeConfig(w, version, c, withSynonyms, withDocumentation);
        }
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kDescribeConfigsApi {
    ApiKey::DescribeConfigs, "DescribeConfigs", 0, 4, 4, &handleDescribeConfigs};

} // namespace chippy::broker
