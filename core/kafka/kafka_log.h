#pragma once

#include <QLoggingCategory>

namespace chippy::kafka {

Q_DECLARE_LOGGING_CATEGORY(lcKafka)

} // namespace chippy::kafka
