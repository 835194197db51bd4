#include "analytics/analytics_store.h"
#include "analytics/opensearch_store.h"
#include "analytics/sqlite_store.h"

namespace chippy::analytics {

std::unique_ptr<AnalyticsStore> openAnalyticsStore(const AnalyticsSettings &settings)
{
    if (settings.usesOpenSearch()) {
        return std::make_unique<OpenSearchStore>(settings);
    }
    return std::make_unique<SqliteStore>(settings);
}

} // namespace chippy::analytics
