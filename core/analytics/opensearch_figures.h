#pragma once

#include "analytics/analytics_store.h"

#include <QJsonObject>

namespace chippy::analytics {

// The one _search (size 0) whose aggregations answer every figure of a query.
QJsonObject figuresSearch(const FigureQuery &query);

// Reads the figures from that search's answer.
Figures figuresFromAnswer(const QJsonObject &answer);

} // namespace chippy::analytics
