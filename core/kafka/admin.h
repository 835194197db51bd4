#pragma once

#include "kafka/client.h"
#include "kafka/topic_partition.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

struct rd_kafka_AdminOptions_s;
struct rd_kafka_queue_s;
struct rd_kafka_op_s;

namespace chippy::kafka {

struct NewTopic
{
    QString name;
    int partitions = 1;
    int replicationFactor = -1; // -1: the broker's default
    QMap<QByteArray, QByteArray> configs;
};

struct TopicInfo
{
    QString name;
    int partitions = 0;
};

struct GroupMember
{
    QString memberId;
    QString clientId;
    QString host;
    QList<TopicPartition> assignment;
};

struct GroupDescription
{
    QString groupId;
    QString state;
    QString assignor;
    QList<GroupMember> members;
    QString error; // why this group could not be described, in words
};

struct PartitionOffsets
{
    TopicPartition partition;
    qint64 earliest = -1;
    qint64 latest = -1;
};

// Topic and group administration. Every call waits for the answer (up to timeoutMs), so run
// it on a worker thread. Errors come back in words.
class Admin : public Client
{
public:
    static constexpr int kDefaultTimeoutMs = 10000;

    static std::unique_ptr<Admin> create(const ClientConfig &config, QString *error);
    ~Admin() override;

    // One metadata round trip: fails as soon as the client reports that it cannot connect or
    // authenticate, and at the latest after timeoutMs.
    bool probe(int timeoutMs, QString *error);
    std::optional<QList<TopicInfo>> topics(int timeoutMs, QString *error);
    // The partition count of a topic, 0 when it does not exist, -1 on error.
    int partitionCount(const QString &topic, int timeoutMs, QString *error);

    // Topics that exist already count as created.
    bool createTopics(const QList<NewTopic> &topics, int timeoutMs, QString *error);
    bool deleteTopics(const QStringList &topics, int timeoutMs, QString *error);
    // Grows a topic to totalCount partitions. Kafka cannot shrink a topic; asking to is an
    // error that says so.
    bool createPartitions(const QString &topic, int totalCount, int timeoutMs, QString *error);
    std::optional<GroupDescription> describeGroup(
        const QString &groupId, int timeoutMs, QString *error);
    // One description per group; a group the cluster could not describe says why in its
    // error, and one that does not exist comes back "Dead" with no members.
    std::optional<QList<GroupDescription>> describeGroups(
        const QStringList &groupIds, int timeoutMs, QString *error);
    std::optional<QList<PartitionOffsets>> listOffsets(
        const QString &topic, int timeoutMs, QString *error);
    // The log start and end of every partition of these topics; topics that do not exist are
    // left out.
    std::optional<QList<PartitionOffsets>> logOffsets(
        const QStringList &topics, int timeoutMs, QString *error);
    // The group's committed offset per partition of the topic (-1 where none).
    std::optional<QMap<TopicPartition, qint64>> committedOffsets(
        const QString &groupId, const QString &topic, int timeoutMs, QString *error);
    // The group's committed offset for each of these partitions (-1 where none).
    std::optional<QMap<TopicPartition, qint64>> committedOffsets(const QString &groupId,
        const QList<TopicPartition> &partitions, int timeoutMs, QString *error);
    bool alterTopicConfig(const QString &topic, const QMap<QByteArray, QByteArray> &configs,
        int timeoutMs, QString *error);
    // The settings set on each of these topics (not the cluster's defaults), by topic.
    std::optional<QMap<QString, QMap<QByteArray, QByteArray>>> topicOverrides(
        const QStringList &topics, int timeoutMs, QString *error);

private:
    using Send = std::function<void(rd_kafka_AdminOptions_s *options, rd_kafka_queue_s *queue)>;
    using Read = std::function<bool(rd_kafka_op_s *result)>;

    Admin() = default;
    // One Admin request: sends it with options and a result queue of its own, waits up to
    // timeoutMs for the answer and hands it to read. False with the reason in words when
    // the request fails or read says so.
    bool request(int op, int timeoutMs, const Send &send, const Read &read, QString *error);
    // Reports an error in words, preferring what the error callback said about the cluster.
    void fail(QString *error, int code, const QString &reason);
};

} // namespace chippy::kafka
