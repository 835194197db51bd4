#include "snapshot_observer.h"

#include "embedded_kafka.h"

namespace chippy::app {

SnapshotObserver::SnapshotObserver(
    const EmbeddedKafka *cluster, const QStringList &topics, const QStringList &groups)
    : ClusterObserver(topics, groups)
    , m_cluster(cluster)
{ }

std::optional<shop::ClusterView> SnapshotObserver::observe(QString *error)
{
    // While the broker restarts there is nothing to read.
    const std::optional<broker::BrokerSnapshot> taken = m_cluster->snapshot();
    if (!taken) {
        *error = QStringLiteral("the embedded broker is not running");
        return std::nullopt;
    }
    const broker::BrokerSnapshot &snapshot = *taken;
    shop::ClusterView view;
    const QStringList wanted = topics();
    for (const auto &t : snapshot.topics) {
        const QString name = QString::fromStdString(t.name);
        if (!wanted.contains(name)) {
            continue;
        }
        shop::ClusterView::Topic topic {name, {}, -1};
        const auto retention = t.configOverrides.find("retention.ms");
        if (retention != t.configOverrides.end()) {
            topic.retentionMs = QByteArray::fromStdString(retention->second).toLongLong();
        }
        for (const auto &p : t.partitions) {
            topic.partitions.append({p.index, p.logStartOffset, p.logEndOffset, p.bytes});
        }
        view.topics.append(topic);
    }
    const QStringList groupIds = groups();
    for (const auto &g : snapshot.groups) {
        const QString id = QString::fromStdString(g.groupId);
        if (!groupIds.contains(id)) {
            continue;
        }
        shop::ClusterView::Group group;
        group.groupId = id;
        group.state = QString::fromStdString(g.state);
        group.generation = g.generation;
        for (const auto &m : g.members) {
            shop::ClusterView::Member member {QString::fromStdString(m.memberId),
                QString::fromStdString(m.clientId), QString::fromStdString(m.host), {}};
            for (const auto &[topic, partitions] : m.assignment) {
                QList<int> &owned = member.assignment[QString::fromStdString(topic)];
                for (std::int32_t p : partitions) {
                    owned.append(p);
                }
            }
            group.members.append(member);
        }
        for (const auto &o : g.offsets) {
            const QString topic = QString::fromStdString(o.topic);
            if (wanted.contains(topic)) {
                group.committed.append({topic, o.partition, o.offset, 0});
            }
        }
        view.groups.append(group);
    }
    return view;
}

} // namespace chippy::app
