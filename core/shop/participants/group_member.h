#pragma once

#include "kafka/consumer.h"
#include "shop/participants/participant.h"

#include <QElapsedTimer>
#include <QStringList>

#include <memory>

namespace chippy::shop {

// A participant that reads as a member of a consumer group: joins, reports what it is given
// and what it gives up (with the generation), reports lag, and holds still while the shop is
// paused. Subclasses handle the records.
class GroupMember : public Participant
{
    Q_OBJECT

public:
    GroupMember(const QString &name, const QString &group, const QStringList &topics,
        const kafka::StartPosition &start, std::shared_ptr<ShopContext> context);
    ~GroupMember() override;

public slots:
    // Reads a different set of topics from now on (the group rebalances).
    void setTopics(const QStringList &topics);

protected:
    bool open(QString *error) override;
    void turn() override;
    void close() override;
    void abandon() override;

    // Called for every record read.
    virtual void handle(const kafka::Message &message) = 0;
    // Work after handling the batch (producer polling, timers).
    virtual void afterBatch() { }
    // Called just before partitions are given up, to finish or drop the work from them.
    virtual void revoking(const QList<kafka::TopicPartition> &, bool /*lost*/) { }
    // Called after partitions are given.
    virtual void assigned(const QList<kafka::TopicPartition> &) { }
    // How long a turn may wait for records; shorter when the subclass has timed work due.
    virtual int pollTimeoutMs() const { return kPollMs; }
    // Creates the other clients a subclass needs; called from open().
    virtual bool openOutputs(QString *) { return true; }
    virtual void closeOutputs() { }
    virtual void abandonOutputs() { }
    // Says that this member began reading a partition (a late reader replaying the log) at the
    // message's offset.
    void postReplaying(const kafka::Message &first, const QString &verb);

    kafka::Consumer &consumer() { return *m_consumer; }

    static constexpr int kPollMs = 50;

private:
    static constexpr int kMaxBatch = 500;
    static constexpr qint64 kLagIntervalMs = 1000;

    void onRebalance(const kafka::Rebalance &change);
    void reportLag();
    void followPause();

    QStringList m_topics;
    const kafka::StartPosition m_start;
    std::unique_ptr<kafka::Consumer> m_consumer;
    QElapsedTimer m_lagClock;
    bool m_paused = false;
};

} // namespace chippy::shop
