#pragma once

#include "list_model.h"
#include "replay_marks.h"
#include "shop/events/shop_event.h"
#include "shop/session/cluster_view.h"

#include <QList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

class MemberModel;

// The partitions of one topic as a lane each: log start and end, the reading group's
// committed offset and lag, who owns it, which queues write to it, and the queues of its
// newest records (a fixed number of cells, whatever the rate). Fed by what the cluster observer
// reads (on the embedded broker and on any Kafka alike) and by batches of shop events.
class PartitionModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Partition models belong to the shop controller")

    Q_PROPERTY(QString topic READ topic CONSTANT)
    Q_PROPERTY(QString group READ group CONSTANT)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(qint64 records READ records NOTIFY totalsChanged)
    Q_PROPERTY(qint64 totalLag READ totalLag NOTIFY totalsChanged)

public:
    static constexpr int kCells = 12;

    enum Role {
        PartitionRole = Qt::UserRole + 1,
        LogStartRole,
        LogEndRole,
        CommittedRole, // -1 when the group has committed nothing
        LagRole,
        OwnerRole, // participant name, empty when nobody owns it
        QueuesRole, // QVariantList of queue numbers keyed to this partition
        RecentRole, // QVariantList: queue of each of the newest records, oldest first
        RecentFirstRole, // offset of the first of those cells
        BytesRole,
        RateRole, // records appended per second, from the log end
        ReadersRole, // QVariantList: where each late reader replaying the log has got to
    };
    Q_ENUM(Role)

    PartitionModel(const QString &topic, const QString &group, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString topic() const { return m_topic; }
    QString group() const { return m_group; }
    int count() const { return static_cast<int>(m_rows.size()); }
    qint64 records() const;
    qint64 totalLag() const;

    // Grows to at least this many partitions (topics never shrink).
    void ensurePartitions(int count);
    // Which queues write to which partition: queues 1..tills keyed by their number.
    void setQueues(int tills);
    // Draws as each partition's owner the member that the group's member model says owns it,
    // instead of the cluster's reading: the lanes and the members' cards then show the same
    // generation. members outlives this model.
    void followOwners(const MemberModel *members);
    void applyView(const shop::ClusterView &view);
    void applyEvents(const QVector<shop::ShopEvent> &events);
    void clear();

signals:
    void countChanged();
    void totalsChanged();

private:
    struct Row
    {
        qint64 logStart = 0;
        qint64 logEnd = 0;
        qint64 committed = -1;
        qint64 lag = 0;
        qint64 bytes = 0;
        QString owner;
        QVariantList queues;
        QList<int> recent;
        qint64 recentEnd = 0; // offset after the newest cell
        qint64 rateBaseEnd = 0;
        qint64 rateBaseMs = 0;
        double rate = 0;
    };

    static constexpr qint64 kRateWindowMs = 2000;

    void changed(int row, const QList<int> &roles);
    void readersChanged(const QSet<int> &partitions);
    void showOwners(const QStringList &owners);
    void refreshOwners();

    const QString m_topic;
    const QString m_group;
    int m_tills = 0;
    QList<Row> m_rows;
    const MemberModel *m_members = nullptr;
    ReplayMarks m_replays;
};

} // namespace chippy::gui
