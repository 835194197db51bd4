#pragma once

#include <spdlog/spdlog.h>

namespace chippy::broker {

// The broker's logger, named "chippy.broker".
spdlog::logger &brokerLog();

} // namespace chippy::broker
