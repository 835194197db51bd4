#pragma once

#include <QLoggingCategory>

namespace chippy::cabinet {

Q_DECLARE_LOGGING_CATEGORY(lcCabinet)

} // namespace chippy::cabinet
