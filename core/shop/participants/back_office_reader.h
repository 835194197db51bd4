#pragma once

#include "kafka/topic_partition.h"
#include "shop/participants/group_member.h"

#include <QElapsedTimer>
#include <QMap>

namespace chippy::shop {

// A late joiner of the back office (accountant, statistician, stockist): one member alone in
// a group of its own, reading from the start of the log. It gathers what a poll brought, hands
// the batch to its store and marks the records read only once the store has them, so a store
// that is down loses nothing: the reader holds still, says why, and tries again.
class BackOfficeReader : public GroupMember
{
    Q_OBJECT

public:
    BackOfficeReader(
        const QString &name, const QStringList &topics, std::shared_ptr<ShopContext> context);

protected:
    // Opens the store on this thread; false with the reason when it cannot.
    virtual bool openStore(QString *error) = 0;
    virtual void closeStore() = 0;
    // Adds one record to the batch in hand.
    virtual void collect(const kafka::Message &message) = 0;
    // Stores the batch in hand, together with where each partition's reading got to; true once
    // the store has acknowledged it.
    virtual bool store(const QList<kafka::TopicPartitionOffset> &next, QString *error) = 0;
    virtual void dropBatch() = 0;
    // "the ledger at …", for the words of an error.
    virtual QString storeName() const = 0;

private:
    static constexpr qint64 kFirstRetryMs = 250;
    static constexpr qint64 kMaxRetryMs = 5000;

    void handle(const kafka::Message &message) final;
    void afterBatch() final;
    void revoking(const QList<kafka::TopicPartition> &partitions, bool lost) final;
    int pollTimeoutMs() const final;
    bool openOutputs(QString *error) final;
    void closeOutputs() final;
    void abandonOutputs() final;

    bool flush();
    void holdStill(bool hold);

    QMap<kafka::TopicPartition, qint64> m_next; // of the batch in hand
    QMap<kafka::TopicPartition, bool> m_replayAnnounced;
    qint64 m_batched = 0;
    bool m_storeDown = false;
    qint64 m_retryMs = kFirstRetryMs;
    QElapsedTimer m_sinceFailure;
};

} // namespace chippy::shop
