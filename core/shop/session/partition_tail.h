#pragma once

#include "kafka/client_config.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace chippy::shop {

// One record as the record inspector shows it.
struct TailRecord
{
    qint64 offset = -1;
    QByteArray key;
    QByteArray value;
    QList<QPair<QByteArray, QByteArray>> headers;
    qint64 timestampMs = -1;
};

// Reads the newest records of one partition with a consumer of its own: assigned, in no
// group, committing nothing. Blocks up to kFetchTimeoutMs, so call read() on a worker.
class PartitionTail
{
public:
    static constexpr int kFetchTimeoutMs = 4000;
    static constexpr int kPollMs = 100;

    PartitionTail() = default;
    explicit PartitionTail(kafka::ClientConfig cluster);

    // The records from offset from up to (not including) end, oldest first; nothing, with
    // the reason in words, when none could be read.
    QList<TailRecord> read(
        const QString &topic, int partition, qint64 from, qint64 end, QString *error) const;

private:
    kafka::ClientConfig m_cluster;
};

} // namespace chippy::shop
