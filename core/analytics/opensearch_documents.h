#pragma once

#include "analytics/analytics_store.h"

#include <QByteArray>
#include <QJsonObject>

namespace chippy::analytics {

// The index template for one index: one shard, no replicas, explicit mappings. Waste documents
// also carry "portions", nested {item, count} pairs, so that portions can be summed per item.
QJsonObject indexTemplate(const QString &index);

// A document as OpenSearch stores it; queue and prepMs left out where they are -1.
QJsonObject documentJson(const EventDocument &document);

// The _bulk request lines ("index" action and source) for one document, newline-terminated.
QByteArray bulkLines(const QString &index, const EventDocument &document);

} // namespace chippy::analytics
