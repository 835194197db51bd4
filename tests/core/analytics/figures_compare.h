#pragma once

#include "analytics/analytics_store.h"

namespace chippy::analytics::test {

// Every figure that differs, one per line, or empty when they agree: counts exactly, percentiles
// within kPercentileTolerance of the expected value, means and shares within rounding.
QString figureDifferences(const Figures &actual, const Figures &expected);

} // namespace chippy::analytics::test
