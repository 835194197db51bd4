#include "broker_log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace chippy::broker {

spdlog::logger &brokerLog()
{
    static std::shared_ptr<spdlog::logger> logger = [] {
        auto existing = spdlog::get("chippy.broker");
        return existing ? existing : spdlog::stderr_color_mt("chippy.broker");
    }();
    return *logger;
}

} // namespace chippy::broker
