#pragma once

#include "list_model.h"
#include "shop/session/partition_tail.h"

#include <QList>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

class QThread;

namespace chippy::gui {

// The newest records of one partition, read by a consumer of their own on a worker thread
// (assigned, not in any group, committing nothing), newest first: offset, key, value, headers
// and timestamp, and the order number and queue when the value is an order.
class RecordModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The record model belongs to the shop controller")

    Q_PROPERTY(QString topic READ topic NOTIFY partitionChanged)
    Q_PROPERTY(int partition READ partition NOTIFY partitionChanged)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString error READ error NOTIFY loadingChanged)
    Q_PROPERTY(int count READ count NOTIFY loadingChanged)
    // Set while the pointer is over the list: the refresh waits, so that a record is never
    // moved from under the pointer about to click it.
    Q_PROPERTY(bool held MEMBER m_held NOTIFY heldChanged)

public:
    static constexpr int kRecords = 8;

    enum Role {
        OffsetRole = Qt::UserRole + 1,
        KeyRole,
        ValueRole,
        HeadersRole,
        TimestampRole,
        OrderRole, // -1 when the value is not an order
        QueueRole,
    };
    Q_ENUM(Role)

    explicit RecordModel(QObject *parent = nullptr);
    ~RecordModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString topic() const { return m_topic; }
    int partition() const { return m_partition; }
    bool loading() const { return m_loading; }
    QString error() const { return m_error; }
    int count() const { return static_cast<int>(m_records.size()); }
    bool held() const { return m_held; }

    // Where the records are read from.
    void setReader(const shop::PartitionTail &reader) { m_reader = reader; }
    // Reads the records before logEnd (down to logStart) of a partition.
    void load(const QString &topic, int partition, qint64 logStart, qint64 logEnd);
    void clear();

signals:
    void partitionChanged();
    void loadingChanged();
    void heldChanged();

private:
    void finished(quint64 request, QList<shop::TailRecord> records, const QString &error);
    void reap();

    shop::PartitionTail m_reader;
    QString m_topic;
    int m_partition = -1;
    bool m_loading = false;
    bool m_held = false;
    QString m_error;
    QList<shop::TailRecord> m_records;
    quint64 m_request = 0;
    QList<QThread *> m_threads;
};

} // namespace chippy::gui
