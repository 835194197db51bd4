#pragma once

#include "analytics/analytics_store.h"

namespace chippy::analytics::test {

// A small day in the shop whose figures are worked out by hand in analytics_test_data.cpp.
// Timestamps are kDayStartMs plus a few seconds; kDayStartMs is a whole second.
inline constexpr qint64 kDayStartMs = 1'700'000'000'000;
QList<EventDocument> handCountedDay();
// Its figures for everything (sinceMs 0) and from kDayStartMs + 2000 on, in 1 s buckets.
Figures handCountedFigures();
Figures handCountedFiguresFromSecondTwo();

// count documents of every stage over a few minutes, the same for the same seed.
QList<EventDocument> generatedDay(int count, quint32 seed);

// count Placed documents with fresh ids starting at firstOffset on topic.
QList<EventDocument> placedOrders(const QString &topic, qint64 firstOffset, int count);

// A random index name for one test, so that tests never share data: "chippy-test-<suffix>".
QString uniqueIndexName();

} // namespace chippy::analytics::test
