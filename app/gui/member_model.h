#pragma once

#include "list_model.h"
#include "shop/events/shop_event.h"
#include "shop/session/cluster_view.h"

#include <QHash>
#include <QList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace chippy::gui {

// The members of one consumer group (preparers, cooks, counters or a late reader): what each
// owns of the group's main topic, its lag, how many records it handled, and whether it is
// working, idle (in the group with nothing to read), joining, or gone without a word.
class MemberModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Member models belong to the shop controller")

    Q_PROPERTY(QString group READ group CONSTANT)
    Q_PROPERTY(QString topic READ topic CONSTANT)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int generation READ generation NOTIFY generationChanged)
    Q_PROPERTY(QString state READ state NOTIFY generationChanged)

public:
    enum Role {
        NameRole = Qt::UserRole + 1, // participant name: "preparer-2"
        TitleRole, // "PREPARER 2"
        StateRole, // "joining", "working", "idle", "gone"
        PartitionsRole, // QVariantList of partitions of the main topic
        OtherRole, // other topics it reads, in words: "HOT-FOOD P0"
        LagRole,
        HandledRole,
        GenerationRole,
    };
    Q_ENUM(Role)

    // group may end in '*' to follow every group with that prefix (the late readers, one
    // group each). topic is the group's main topic, the one whose partitions a member is drawn
    // owning.
    MemberModel(const QString &group, const QString &topic, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString group() const { return m_group; }
    QString topic() const { return m_topic; }
    int count() const { return static_cast<int>(m_rows.size()); }
    int generation() const { return m_generation; }
    QString state() const { return m_state; }

    void applyEvents(const QVector<shop::ShopEvent> &events);
    // The group as the cluster has it: its state and generation, each member's assignment
    // once the group is stable, the lag of what it owns, and members that vanished dropped
    // once the group has moved on without them.
    void applyView(const shop::ClusterView &view);
    // The broker restarted and counts generations from the start again.
    void forgetGeneration();
    // Who owns each partition of topic (the main one or another the members read), by name;
    // empty where nobody does.
    QStringList ownersOf(const QString &topic, int partitions) const;
    void clear();

    Q_INVOKABLE int rowOf(const QString &name) const;

signals:
    void countChanged();
    void generationChanged();

private:
    struct Row
    {
        QString name;
        QString state = QStringLiteral("joining");
        QList<int> partitions;
        QHash<QString, QList<int>> other; // topic -> partitions
        QHash<int, qint64> lagByPartition;
        qint64 handled = 0;
        int generation = -1;
    };

    enum class Change { None, Counts, All };

    // A newer generation of the group: members not yet in it own nothing.
    void startGeneration(int generation, const std::function<void(int)> &touch);
    bool newerGeneration(int generation) const;
    static bool ownsAny(const Row &row);
    bool follows(const QString &group) const;
    int ensureRow(const QString &name);
    void removeRow(int row);
    void refreshState(Row &row) const;
    QString titleOf(const QString &name) const;
    void changed(int row);

    const QString m_group;
    const QString m_topic;
    QList<Row> m_rows;
    int m_generation = 0;
    // The broker restarted: whatever generation comes next is the group's newest.
    bool m_restarted = false;
    QString m_state;
};

} // namespace chippy::gui
