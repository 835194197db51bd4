#include "shop/session/admin_observer.h"

#include "kafka/admin.h"

#include <QDeadlineTimer>

namespace chippy::shop {

AdminObserver::AdminObserver(
    kafka::ClientConfig cluster, const QStringList &topics, const QStringList &groups)
    : ClusterObserver(topics, groups)
    , m_cluster(std::move(cluster))
{
    m_cluster.set("client.id", "chippy-observer");
}

AdminObserver::~AdminObserver() = default;

std::optional<ClusterView> AdminObserver::observe(QString *error)
{
    if (!m_admin) {
        m_admin = kafka::Admin::create(m_cluster, error);
        if (!m_admin) {
            return std::nullopt;
        }
    }
    const QDeadlineTimer deadline(kTimeoutMs);
    const auto remaining
        = [&deadline] { return std::max<int>(1, static_cast<int>(deadline.remainingTime())); };
    ClusterView view;
    const auto offsets = m_admin->logOffsets(topics(), remaining(), error);
    if (!offsets) {
        return std::nullopt;
    }
    QList<kafka::TopicPartition> partitions;
    for (const kafka::PartitionOffsets &o : *offsets) {
        partitions.append(o.partition);
        ClusterView::Topic *topic = nullptr;
        for (ClusterView::Topic &t : view.topics) {
            if (t.name == o.partition.topic) {
                topic = &t;
            }
        }
        if (!topic) {
            view.topics.append({o.partition.topic, {}, -1});
            topic = &view.topics.last();
        }
        topic->partitions.append({o.partition.partition, o.earliest, o.latest, -1});
    }
    // What is set on the topics (DescribeConfigs): how long each keeps its records.
    QString ignored;
    if (const auto overrides = m_admin->topicOverrides(topics(), remaining(), &ignored)) {
        for (ClusterView::Topic &t : view.topics) {
            bool ok = false;
            const qint64 ms = overrides->value(t.name).value("retention.ms").toLongLong(&ok);
            t.retentionMs = ok ? ms : -1;
        }
    }
    const auto groups = m_admin->describeGroups(this->groups(), remaining(), error);
    if (!groups) {
        return std::nullopt;
    }
    for (const kafka::GroupDescription &d : *groups) {
        ClusterView::Group g;
        g.groupId = d.groupId;
        g.state = d.state;
        for (const kafka::GroupMember &m : d.members) {
            ClusterView::Member member {m.memberId, m.clientId, m.host, {}};
            for (const kafka::TopicPartition &tp : m.assignment) {
                member.assignment[tp.topic].append(tp.partition);
            }
            g.members.append(member);
        }
        if (!d.error.isEmpty()) {
            continue; // not there yet, or its coordinator is moving: next time
        }
        // A group that never formed has nothing committed to ask for.
        if (d.state != QLatin1String("Dead")) {
            const auto committed
                = m_admin->committedOffsets(d.groupId, partitions, remaining(), error);
            if (!committed) {
                return std::nullopt;
            }
            for (auto it = committed->cbegin(); it != committed->cend(); ++it) {
                g.committed.append({it.key().topic, it.key().partition, it.value(), 0});
            }
        }
        view.groups.append(g);
    }
    return view;
}

void AdminObserver::release()
{
    m_admin.reset();
}

} // namespace chippy::shop
