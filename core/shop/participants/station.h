#pragma once

#include "kafka/producer.h"
#include "shop/participants/group_member.h"
#include "shop/participants/offset_tracker.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

#include <memory>

namespace chippy::shop {

// A group member that turns what it reads into records on other topics (the preparer, the
// cook). A record read counts as done only when its output is acknowledged; only then may
// its offset be committed. Outputs that fail are sent again.
class Station : public GroupMember
{
    Q_OBJECT

public:
    using GroupMember::GroupMember;
    ~Station() override;

protected:
    enum class OutputKind { Ready, Cook, HotFood, DeadLetter };

    struct Output
    {
        OutputKind kind = OutputKind::Ready;
        kafka::TopicPartition source;
        qint64 sourceOffset = -1;
        QString topic;
        QByteArray key;
        QByteArray value;
        kafka::Headers headers;
        qint64 order = -1;
        int queue = -1;
        QString reason; // why a record was dead-lettered
    };

    // Notes that a record is being worked on.
    void take(const kafka::Message &message);
    void send(const Output &output);
    // The record needs no output; marks it done.
    void finish(const kafka::TopicPartition &source, qint64 offset);
    // Moves an unreadable record to ORDER-DLQ, keeping it unchanged with the reason in a header.
    void deadLetter(const kafka::Message &message, const QString &reason);
    // Called when an output is acknowledged.
    virtual void delivered(const Output &output, const kafka::Delivery &delivery) = 0;

    bool openOutputs(QString *error) override;
    void closeOutputs() override;
    void abandonOutputs() override;
    void afterBatch() override;
    void revoking(const QList<kafka::TopicPartition> &partitions, bool lost) override;

private:
    static constexpr int kFlushOnRevokeMs = 10000;
    static constexpr qint64 kRetryDelayMs = 500;

    void handleDeliveries();

    std::unique_ptr<kafka::Producer> m_producer;
    OffsetTracker m_tracker;
    quint64 m_nextToken = 1;
    QHash<quint64, Output> m_outputs;
    QList<Output> m_retry;
    QElapsedTimer m_retryClock;
};

} // namespace chippy::shop
