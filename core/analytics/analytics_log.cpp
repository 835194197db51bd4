#include "analytics/analytics_log.h"

namespace chippy::analytics {

Q_LOGGING_CATEGORY(lcAnalytics, "chippy.analytics", QtInfoMsg)

} // namespace chippy::analytics
