#pragma once

#include <QLoggingCategory>

namespace chippy::analytics {

Q_DECLARE_LOGGING_CATEGORY(lcAnalytics)

} // namespace chippy::analytics
