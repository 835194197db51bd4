#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "configs/config_catalog.h"
#include "protocol/error_code.h"

#include <map>
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
};

// AlterConfigs replaces the resource's whole set of overrides with the ones given.
ResourceResult alter(BrokerState &state, std::int8_t type, const std::string &name,
    const std::map<std::string, std::string> &configs, bool validateOnly)
{
    ResourceResult r {ErrorCode::None, std::nullopt, type, name};
    switch (static_cast<ConfigResourceType>(type)) {
    case ConfigResourceType::Topic: {
        const auto altered = state.topics.alterConfigs(name, configs, validateOnly);
        if (altered.error != ErrorCode::None) {
            r.error = altered.error;
            r.message = altered.message;
        } else if (!validateOnly) {
            brokerLog().info("topic {} now has {} config overrides", name, configs.size());
        }
        return r;
    }
    case ConfigResourceType::Broker:
        r.error = ErrorCode::InvalidRequest;
        r.message = "broker configs come from the broker's command line and cannot be altered "
                    "while it runs";
        return r;
    default:
        r.error = ErrorCode::InvalidRequest;
        r.message = "configs of resource type " + std::to_string(type) + " are not supported";
        return r;
    }
}

void handleAlterConfigs(BrokerState &state, const RequestHeader &, Reader &body, Responder respond)
{
    struct Resource
    {
        std::int8_t type;
        std::string name;
        std::map<std::string, std::string> configs;
    };
    std::vector<Resource> resources;
    body.forEach([&] {
        Resource r {body.i8(), body.string(), {}};
        body.forEach([&] {
            auto key = body.string();
            auto value = body.nullableString();
            body.skipTags();
            // A null value leaves the config at its default, which is what leaving it out does.
            if (value) {
                r.configs[std::move(key)] = std::move(*value);
            }
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
        const auto r = alter(state, resource.type, resource.name, resource.configs, validateOnly);
        w.i16(code(r.error));
        w.nullableString(r.message);
        w.i8(r.type);
        w.string(r.name);
        w.tags();
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kAlterConfigsApi {
    ApiKey::AlterConfigs, "AlterConfigs", 0, 2, 2, &handleAlterConfigs};

} // namespace chippy::broker
