#pragma once

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QString>

#include <memory>

namespace chippy::shop {

// What a cluster holds of the shop at one moment, as a viewer needs it: the log of each
// partition, and of each consumer group its state, members, their assignment and the
// committed offsets. Plain data, the same whichever Kafka it was read from.
struct ClusterView
{
    struct Partition
    {
        int index = 0;
        qint64 logStart = 0;
        qint64 logEnd = 0;
        qint64 bytes = -1; // -1 where the cluster does not say
    };
    struct Topic
    {
        QString name;
        QList<Partition> partitions;
        // retention.ms when set on the topic; -1 when it keeps the cluster's default.
        qint64 retentionMs = -1;
    };
    struct Member
    {
        QString memberId;
        QString clientId; // the participant's name
        QString host;
        QHash<QString, QList<int>> assignment; // topic -> partitions
    };
    struct Committed
    {
        QString topic;
        int partition = 0;
        qint64 offset = -1;
        qint64 lag = 0; // log end minus the committed offset (or the log start), never below 0
    };
    struct Group
    {
        QString groupId;
        QString state; // Kafka's words: "Stable", "PreparingRebalance", "Empty", ...
        int generation = -1; // -1 where the cluster does not say (the Admin API)
        QList<Member> members;
        QList<Committed> committed;
    };

    qint64 takenMs = 0;
    QList<Topic> topics;
    QList<Group> groups;

    const Topic *topic(const QString &name) const;
    const Group *group(const QString &groupId) const;
    // Fills in each committed offset's lag from the log ends.
    void computeLag();
};

using ClusterViewPtr = std::shared_ptr<const ClusterView>;

} // namespace chippy::shop

Q_DECLARE_METATYPE(chippy::shop::ClusterViewPtr)
