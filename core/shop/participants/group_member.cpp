#include "shop/participants/group_member.h"

#include "shop/participants/client_settings.h"

#include <QMap>

namespace chippy::shop {

GroupMember::GroupMember(const QString &name, const QString &group, const QStringList &topics,
    const kafka::StartPosition &start, std::shared_ptr<ShopContext> context)
    : Participant(name, group, std::move(context))
    , m_topics(topics)
    , m_start(start)
{ }

GroupMember::~GroupMember() = default;

void GroupMember::setTopics(const QStringList &topics)
{
    if (topics == m_topics) {
        return;
    }
    m_topics = topics;
    QString error;
    if (m_consumer && !m_consumer->subscribe(m_topics, &error)) {
        postError(error);
    }
}

bool GroupMember::open(QString *error)
{
    m_consumer = kafka::Consumer::create(consumerSettings(config(), name(), group()), error);
    if (!m_consumer) {
        return false;
    }
    m_consumer->setStartPosition(m_start);
    m_consumer->setRebalanceHandler([this](const kafka::Rebalance &r) { onRebalance(r); });
    if (!openOutputs(error) || !m_consumer->subscribe(m_topics, error)) {
        m_consumer.reset();
        return false;
    }
    m_paused = false;
    m_lagClock.start();
    return true;
}

void GroupMember::turn()
{
    followPause();
    for (const kafka::Message &message : m_consumer->poll(pollTimeoutMs(), kMaxBatch)) {
        handle(message);
    }
    afterBatch();
    if (!running()) {
        return;
    }
    if (reportErrors(*m_consumer)) {
        reopen(QStringLiteral("the consumer hit a fatal error"));
        return;
    }
    if (m_lagClock.elapsed() >= kLagIntervalMs) {
        m_lagClock.restart();
        reportLag();
    }
}

void GroupMember::close()
{
    // Serves the last revoke (finishing the work in hand), commits and leaves the group.
    m_consumer->close();
    closeOutputs();
    reportErrors(*m_consumer);
    m_consumer.reset();
}

void GroupMember::abandon()
{
    abandonOutputs();
    if (m_consumer) {
        m_consumer->vanish();
        m_consumer.reset();
    }
}

void GroupMember::onRebalance(const kafka::Rebalance &change)
{
    const bool assignedNow = change.kind == kafka::Rebalance::Kind::Assigned;
    if (!assignedNow) {
        revoking(change.partitions, change.lost);
    }
    // One event per topic, so a view can draw ORDER and HOT-FOOD ownership apart; a member
    // given nothing still gets one event (with no partitions) so it can be drawn idle.
    QMap<QString, QVector<int>> byTopic;
    for (const kafka::TopicPartition &tp : change.partitions) {
        byTopic[tp.topic].append(tp.partition);
    }
    if (byTopic.isEmpty()) {
        byTopic.insert(QString(), {});
    }
    for (auto it = byTopic.cbegin(); it != byTopic.cend(); ++it) {
        ShopEvent e = event(
            assignedNow ? ShopEvent::Kind::PartitionsAssigned : ShopEvent::Kind::PartitionsRevoked);
        e.generation = change.generation;
        e.text = change.memberId;
        e.topic = it.key();
        e.partitions = it.value();
        post(e);
    }
    if (assignedNow) {
        setReady();
        context().stats.generationSeen(group(), change.generation);
        assigned(change.partitions);
        if (m_paused && !change.partitions.isEmpty()) {
            m_consumer->pause(change.partitions);
        }
    }
}

void GroupMember::reportLag()
{
    for (const kafka::PartitionLag &lag : m_consumer->lag()) {
        if (lag.lag < 0) {
            continue;
        }
        ShopEvent e = event(ShopEvent::Kind::Lag);
        e.topic = lag.partition.topic;
        e.partition = lag.partition.partition;
        e.offset = lag.position;
        e.value = lag.lag;
        post(e);
    }
}

void GroupMember::followPause()
{
    const bool paused = context().live.paused;
    if (paused == m_paused) {
        return;
    }
    m_paused = paused;
    const QList<kafka::TopicPartition> owned = m_consumer->assignment();
    if (owned.isEmpty()) {
        return;
    }
    if (paused) {
        m_consumer->pause(owned);
    } else {
        m_consumer->resume(owned);
    }
}

void GroupMember::postReplaying(const kafka::Message &first, const QString &verb)
{
    ShopEvent e = event(ShopEvent::Kind::Replaying);
    e.topic = first.topic;
    e.partition = first.partition;
    e.offset = first.offset;
    e.text = QStringLiteral("%1 %2 %3-%4 from offset %5")
                 .arg(name(), verb, first.topic)
                 .arg(first.partition)
                 .arg(first.offset);
    post(e);
}

} // namespace chippy::shop
