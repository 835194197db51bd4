#pragma once

#include "kafka/client.h"
#include "kafka/start_position.h"
#include "kafka/topic_partition.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace chippy::kafka {

struct Message
{
    QString topic;
    int partition = -1;
    qint64 offset = -1;
    qint64 timestampMs = -1;
    QByteArray key;
    QByteArray value;
    Headers headers;

    QByteArray header(const QByteArray &name) const;
};

// A change of what this member owns, reported from inside poll().
struct Rebalance
{
    enum class Kind { Assigned, Revoked };

    Kind kind = Kind::Assigned;
    QList<TopicPartition> partitions;
    int generation = -1;
    QString memberId;
    bool lost = false; // revoked because the session expired: offsets must not be committed
};

struct PartitionLag
{
    TopicPartition partition;
    qint64 position = -1; // next offset this member will read
    qint64 logEnd = -1;
    qint64 lag = -1; // -1 while unknown
};

// A consumer that either joins a group (subscribe) or reads chosen partitions (assign).
// Offsets are stored only when the caller says a record is done, and committed from those,
// so nothing is marked read before its output is safe. One owner thread.
class Consumer : public Client
{
public:
    using RebalanceHandler = std::function<void(const Rebalance &)>;

    // Manual offset store, automatic commit of stored offsets, earliest when nothing committed.
    static ClientConfig defaults();
    // config (merged over defaults()) must name a group.id.
    static std::unique_ptr<Consumer> create(const ClientConfig &config, QString *error);
    ~Consumer() override;

    // Applied the first time this member is given a partition.
    void setStartPosition(const StartPosition &position) { m_start = position; }
    // Partitions named here start at their own next offset instead (a reader that keeps its
    // offsets outside Kafka, with the rows they produced).
    void setStartOffsets(const QList<TopicPartitionOffset> &offsets) { m_startOffsets = offsets; }
    // Called on Assigned after the assignment and on Revoked before it is given up, so the
    // owner can finish or abandon work and store offsets.
    void setRebalanceHandler(RebalanceHandler handler) { m_onRebalance = std::move(handler); }

    bool subscribe(const QStringList &topics, QString *error);
    bool assign(const QList<TopicPartition> &partitions, QString *error);

    // Waits up to timeoutMs for the first message, then takes what is ready up to maxMessages.
    QList<Message> poll(int timeoutMs, int maxMessages);

    QList<TopicPartition> assignment() const;
    // Marks everything before nextOffset as done; the next commit includes it.
    void storeOffset(const TopicPartition &partition, qint64 nextOffset);
    // Commits the stored offsets now and waits for the answer.
    bool commit(QString *error);
    void pause(const QList<TopicPartition> &partitions);
    void resume(const QList<TopicPartition> &partitions);
    // From positions and the log ends the last fetches reported: no extra round trips.
    QList<PartitionLag> lag() const;

    QString memberId() const;
    int generation() const;

    // Commits and leaves the group so that the others rebalance at once.
    void close();
    // Ends without leaving or committing, like a crashed process: the group only notices
    // when the session times out.
    void vanish();

private:
    Consumer() = default;
    void onRebalance(int code, void *partitions) override;
    void applyStartPositions(void *partitions);

    StartPosition m_start;
    QList<TopicPartitionOffset> m_startOffsets;
    RebalanceHandler m_onRebalance;
    QSet<QString> m_started; // "topic/partition" already given a start position
    // The batch poll() is filling; a revoke served in the middle of it drops the records of
    // the partitions given away, since their new owner reads them again.
    QList<Message> *m_collecting = nullptr;
    bool m_closed = false;
};

} // namespace chippy::kafka
