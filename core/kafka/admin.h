#pragma once

#include "client.h"
#include "topic_partition.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

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
    std::optional<QList<PartitionOffsets>> listOffsets(
        const QString &topic, int timeoutMs, QString *error);
    // The group's committed offset per partition of the topic (-1 where none).
    std::optional<QMap<TopicPartition, qint64>> committedOffsets(
        const QString &groupId, const QString &topic, int timeoutMs, QString *error);
    bool alterTopicConfig(const QString &topic, const QMap<QByteArray, QByteArray> &configs,
        int timeoutMs, QString *error);

private:
    Admin() = default;
    // Reports an error in words, preferring what the error callback said about the cluster.
    void fail(QString *error, int code, const QString &reason);
};

} // namespace chippy::kafka
