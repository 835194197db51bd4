#include "kafka/admin.h"

#include "kafka/native_lists.h"

#include <QDeadlineTimer>

#include <algorithm>

namespace chippy::kafka {

namespace {

// Extra time for the result to travel back after the request's own timeout.
constexpr int kResultMarginMs = 1000;
// Slices of the probe, so that errors reported by the callback are seen between attempts.
constexpr int kProbeSliceMs = 500;

struct QueueDeleter
{
    void operator()(rd_kafka_queue_t *q) const { rd_kafka_queue_destroy(q); }
};
struct EventDeleter
{
    void operator()(rd_kafka_event_t *e) const { rd_kafka_event_destroy(e); }
};
struct OptionsDeleter
{
    void operator()(rd_kafka_AdminOptions_t *o) const { rd_kafka_AdminOptions_destroy(o); }
};
struct MetadataDeleter
{
    void operator()(const rd_kafka_metadata_t *m) const { rd_kafka_metadata_destroy(m); }
};
using Queue = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;
using Event = std::unique_ptr<rd_kafka_event_t, EventDeleter>;
using Options = std::unique_ptr<rd_kafka_AdminOptions_t, OptionsDeleter>;
using Metadata = std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>;

Options makeOptions(rd_kafka_t *rk, rd_kafka_admin_op_t op, int timeoutMs)
{
    Options options(rd_kafka_AdminOptions_new(rk, op));
    char reason[256];
    rd_kafka_AdminOptions_set_request_timeout(options.get(), timeoutMs, reason, sizeof(reason));
    if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS
        || op == RD_KAFKA_ADMIN_OP_CREATEPARTITIONS) {
        rd_kafka_AdminOptions_set_operation_timeout(
            options.get(), timeoutMs, reason, sizeof(reason));
    }
    return options;
}

// Waits for the admin result on its own queue; null with the error code set on failure.
Event waitFor(rd_kafka_queue_t *queue, int timeoutMs, int *code, QString *reason)
{
    Event event(rd_kafka_queue_poll(queue, timeoutMs + kResultMarginMs));
    if (!event) {
        *code = RD_KAFKA_RESP_ERR__TIMED_OUT;
        *reason = QStringLiteral("no answer from the cluster");
        return {};
    }
    if (const rd_kafka_resp_err_t err = rd_kafka_event_error(event.get())) {
        *code = err;
        *reason = QString::fromUtf8(rd_kafka_event_error_string(event.get()));
        return {};
    }
    return event;
}

} // namespace

std::unique_ptr<Admin> Admin::create(const ClientConfig &config, QString *error)
{
    std::unique_ptr<Admin> admin(new Admin);
    if (!admin->Client::create(Type::Producer, config, error)) {
        return {};
    }
    return admin;
}

Admin::~Admin()
{
    destroyHandle(0);
}

bool Admin::request(int op, int timeoutMs, const Send &send, const Read &read, QString *error)
{
    Queue queue(rd_kafka_queue_new(handle()));
    Options options = makeOptions(handle(), static_cast<rd_kafka_admin_op_t>(op), timeoutMs);
    send(options.get(), queue.get());
    int code = 0;
    QString why;
    Event event = waitFor(queue.get(), timeoutMs, &code, &why);
    if (!event) {
        fail(error, code, why);
        return false;
    }
    return read(event.get());
}

void Admin::fail(QString *error, int code, const QString &reason)
{
    rd_kafka_poll(handle(), 0);
    for (const ClientError &e : takeErrors()) {
        if (isConnectionError(e.code) || e.code == RD_KAFKA_RESP_ERR__AUTHENTICATION
            || e.code == RD_KAFKA_RESP_ERR__SSL) {
            if (error) {
                *error = e.words;
            }
            return;
        }
    }
    if (error) {
        *error = scrub(errorInWords(code, reason, errorContext()));
    }
}

bool Admin::probe(int timeoutMs, QString *error)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const rd_kafka_metadata_t *raw = nullptr;
        const int slice
            = std::max<int>(1, std::min<qint64>(kProbeSliceMs, deadline.remainingTime()));
        const rd_kafka_resp_err_t err = rd_kafka_metadata(handle(), 0, nullptr, &raw, slice);
        if (!err) {
            rd_kafka_metadata_destroy(raw);
            takeErrors();
            return true;
        }
        rd_kafka_poll(handle(), 0);
        const QList<ClientError> errors = takeErrors();
        for (const ClientError &e : errors) {
            if (isConnectionError(e.code) || e.code == RD_KAFKA_RESP_ERR__AUTHENTICATION
                || e.code == RD_KAFKA_RESP_ERR__SSL || e.fatal) {
                if (error) {
                    *error = e.words;
                }
                return false;
            }
        }
    }
    if (error) {
        *error = QStringLiteral("no broker at %1 answered within %2 s")
                     .arg(errorContext().bootstrapServers)
                     .arg(timeoutMs / 1000.0);
    }
    return false;
}

std::optional<QList<TopicInfo>> Admin::topics(int timeoutMs, QString *error)
{
    const rd_kafka_metadata_t *raw = nullptr;
    const rd_kafka_resp_err_t err = rd_kafka_metadata(handle(), 1, nullptr, &raw, timeoutMs);
    if (err) {
        fail(error, err, QStringLiteral("reading the topic list"));
        return std::nullopt;
    }
    Metadata md(raw);
    QList<TopicInfo> result;
    for (int i = 0; i < md->topic_cnt; ++i) {
        const auto &t = md->topics[i];
        if (t.err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            result.append({QString::fromUtf8(t.topic), t.partition_cnt});
        }
    }
    return result;
}

int Admin::partitionCount(const QString &topic, int timeoutMs, QString *error)
{
    const auto all = topics(timeoutMs, error);
    if (!all) {
        return -1;
    }
    for (const TopicInfo &t : *all) {
        if (t.name == topic) {
            return t.partitions;
        }
    }
    return 0;
}

bool Admin::createTopics(const QList<NewTopic> &topics, int timeoutMs, QString *error)
{
    std::vector<rd_kafka_NewTopic_t *> specs;
    char reason[512];
    for (const NewTopic &t : topics) {
        rd_kafka_NewTopic_t *spec = rd_kafka_NewTopic_new(
            t.name.toUtf8().constData(), t.partitions, t.replicationFactor, reason, sizeof(reason));
        if (!spec) {
            rd_kafka_NewTopic_destroy_array(specs.data(), specs.size());
            if (error) {
                *error = QStringLiteral("cannot create topic %1: %2")
                             .arg(t.name, QString::fromUtf8(reason));
            }
            return false;
        }
        for (auto it = t.configs.cbegin(); it != t.configs.cend(); ++it) {
            rd_kafka_NewTopic_set_config(spec, it.key().constData(), it.value().constData());
        }
        specs.push_back(spec);
    }
    const bool ok = request(
        RD_KAFKA_ADMIN_OP_CREATETOPICS, timeoutMs,
        [&](rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            rd_kafka_CreateTopics(handle(), specs.data(), specs.size(), options, queue);
        },
        [&](rd_kafka_event_t *event) {
            size_t count = 0;
            const rd_kafka_topic_result_t **results = rd_kafka_CreateTopics_result_topics(
                rd_kafka_event_CreateTopics_result(event), &count);
            for (size_t i = 0; i < count; ++i) {
                const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
                if (err && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
                    if (error) {
                        const char *msg = rd_kafka_topic_result_error_string(results[i]);
                        *error = QStringLiteral("cannot create topic %1: %2")
                                     .arg(QString::fromUtf8(rd_kafka_topic_result_name(results[i])),
                                         QString::fromUtf8(msg ? msg : rd_kafka_err2str(err)));
                    }
                    return false;
                }
            }
            return true;
        },
        error);
    rd_kafka_NewTopic_destroy_array(specs.data(), specs.size());
    return ok;
}

bool Admin::deleteTopics(const QStringList &topics, int timeoutMs, QString *error)
{
    std::vector<rd_kafka_DeleteTopic_t *> specs;
    for (const QString &t : topics) {
        specs.push_back(rd_kafka_DeleteTopic_new(t.toUtf8().constData()));
    }
    const bool ok = request(
        RD_KAFKA_ADMIN_OP_DELETETOPICS, timeoutMs,
        [&](rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            rd_kafka_DeleteTopics(handle(), specs.data(), specs.size(), options, queue);
        },
        [&](rd_kafka_event_t *event) {
            size_t count = 0;
            const rd_kafka_topic_result_t **results = rd_kafka_DeleteTopics_result_topics(
                rd_kafka_event_DeleteTopics_result(event), &count);
            for (size_t i = 0; i < count; ++i) {
                const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i]);
                if (err && err != RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART) {
                    if (error) {
                        *error = QStringLiteral("cannot delete topic %1: %2")
                                     .arg(QString::fromUtf8(rd_kafka_topic_result_name(results[i])),
                                         QString::fromUtf8(rd_kafka_err2str(err)));
                    }
                    return false;
                }
            }
            return true;
        },
        error);
    rd_kafka_DeleteTopic_destroy_array(specs.data(), specs.size());
    return ok;
}

bool Admin::createPartitions(const QString &topic, int totalCount, int timeoutMs, QString *error)
{
    // One budget for both round trips, so that a cluster that is gone is reported in time.
    const QDeadlineTimer deadline(timeoutMs);
    const int current = partitionCount(topic, timeoutMs, error);
    if (current < 0) {
        return false;
    }
    if (current == 0) {
        if (error) {
            *error = topicMissingInWords(topic);
        }
        return false;
    }
    if (totalCount == current) {
        return true;
    }
    if (totalCount < current) {
        if (error) {
            *error = QStringLiteral("%1 has %2 partitions; Kafka can add partitions to a topic "
                                    "but never take them away")
                         .arg(topic)
                         .arg(current);
        }
        return false;
    }
    char reason[512];
    rd_kafka_NewPartitions_t *spec = rd_kafka_NewPartitions_new(
        topic.toUtf8().constData(), static_cast<size_t>(totalCount), reason, sizeof(reason));
    if (!spec) {
        if (error) {
            *error = QString::fromUtf8(reason);
        }
        return false;
    }
    const bool ok = request(
        RD_KAFKA_ADMIN_OP_CREATEPARTITIONS,
        std::max<int>(1, static_cast<int>(deadline.remainingTime())),
        [&](rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            rd_kafka_CreatePartitions(handle(), &spec, 1, options, queue);
        },
        [&](rd_kafka_event_t *event) {
            size_t count = 0;
            const rd_kafka_topic_result_t **results = rd_kafka_CreatePartitions_result_topics(
                rd_kafka_event_CreatePartitions_result(event), &count);
            for (size_t i = 0; i < count; ++i) {
                if (const rd_kafka_resp_err_t err = rd_kafka_topic_result_error(results[i])) {
                    if (error) {
                        const char *msg = rd_kafka_topic_result_error_string(results[i]);
                        *error
                            = QStringLiteral("cannot add partitions to %1: %2")
                                  .arg(topic, QString::fromUtf8(msg ? msg : rd_kafka_err2str(err)));
                    }
                    return false;
                }
            }
            return true;
        },
        error);
    rd_kafka_NewPartitions_destroy(spec);
    return ok;
}

std::optional<GroupDescription> Admin::describeGroup(
    const QString &groupId, int timeoutMs, QString *error)
{
    const auto all = describeGroups({groupId}, timeoutMs, error);
    if (!all) {
        return std::nullopt;
    }
    if (all->size() != 1) {
        fail(error, RD_KAFKA_RESP_ERR__BAD_MSG,
            QStringLiteral("no description for %1").arg(groupId));
        return std::nullopt;
    }
    if (!all->first().error.isEmpty()) {
        if (error) {
            *error = all->first().error;
        }
        return std::nullopt;
    }
    return all->first();
}

std::optional<QList<GroupDescription>> Admin::describeGroups(
    const QStringList &groupIds, int timeoutMs, QString *error)
{
    QList<GroupDescription> result;
    if (groupIds.isEmpty()) {
        return result;
    }
    QList<QByteArray> names;
    std::vector<const char *> ids;
    for (const QString &id : groupIds) {
        names.append(id.toUtf8());
    }
    for (const QByteArray &name : names) {
        ids.push_back(name.constData());
    }
    const bool ok = request(
        RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, timeoutMs,
        [&](rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            rd_kafka_DescribeConsumerGroups(handle(), ids.data(), ids.size(), options, queue);
        },
        [&](rd_kafka_event_t *event) {
            size_t count = 0;
            const rd_kafka_ConsumerGroupDescription_t **groups
                = rd_kafka_DescribeConsumerGroups_result_groups(
                    rd_kafka_event_DescribeConsumerGroups_result(event), &count);
            for (size_t i = 0; i < count; ++i) {
                const rd_kafka_ConsumerGroupDescription_t *g = groups[i];
                GroupDescription d;
                d.groupId = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_group_id(g));
                if (const rd_kafka_error_t *e = rd_kafka_ConsumerGroupDescription_error(g)) {
                    fail(&d.error, rd_kafka_error_code(e),
                        QString::fromUtf8(rd_kafka_error_string(e)));
                    result.append(d);
                    continue;
                }
                d.state = QString::fromUtf8(
                    rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(g)));
                d.assignor
                    = QString::fromUtf8(rd_kafka_ConsumerGroupDescription_partition_assignor(g));
                const size_t members = rd_kafka_ConsumerGroupDescription_member_count(g);
                for (size_t j = 0; j < members; ++j) {
                    const rd_kafka_MemberDescription_t *m
                        = rd_kafka_ConsumerGroupDescription_member(g, j);
                    GroupMember member;
                    member.memberId = QString::fromUtf8(rd_kafka_MemberDescription_consumer_id(m));
                    member.clientId = QString::fromUtf8(rd_kafka_MemberDescription_client_id(m));
                    member.host = QString::fromUtf8(rd_kafka_MemberDescription_host(m));
                    if (const rd_kafka_MemberAssignment_t *a
                        = rd_kafka_MemberDescription_assignment(m)) {
                        member.assignment = fromNative(rd_kafka_MemberAssignment_partitions(a));
                    }
                    d.members.append(member);
                }
                result.append(d);
            }
            return true;
        },
        error);
    if (!ok) {
        return std::nullopt;
    }
    return result;
}

std::optional<QList<PartitionOffsets>> Admin::listOffsets(
    const QString &topic, int timeoutMs, QString *error)
{
    const int partitions = partitionCount(topic, timeoutMs, error);
    if (partitions < 0) {
        return std::nullopt;
    }
    if (partitions == 0) {
        if (error) {
            *error = topicMissingInWords(topic);
        }
        return std::nullopt;
    }
    return logOffsets({topic}, timeoutMs, error);
}

std::optional<QList<PartitionOffsets>> Admin::logOffsets(
    const QStringList &topics, int timeoutMs, QString *error)
{
    const QDeadlineTimer deadline(timeoutMs);
    const auto all = this->topics(timeoutMs, error);
    if (!all) {
        return std::nullopt;
    }
    QList<PartitionOffsets> result;
    for (const QString &topic : topics) {
        const QByteArray name = topic.toUtf8();
        for (const TopicInfo &t : *all) {
            if (t.name != topic) {
                continue;
            }
            for (int p = 0; p < t.partitions; ++p) {
                int64_t low = -1;
                int64_t high = -1;
                const rd_kafka_resp_err_t err
                    = rd_kafka_query_watermark_offsets(handle(), name.constData(), p, &low, &high,
                        std::max<int>(1, static_cast<int>(deadline.remainingTime())));
                if (err) {
                    fail(error, err, QStringLiteral("listing offsets of %1").arg(topic));
                    return std::nullopt;
                }
                result.append({{topic, p}, low, high});
            }
        }
    }
    return result;
}

std::optional<QMap<TopicPartition, qint64>> Admin::committedOffsets(
    const QString &groupId, const QString &topic, int timeoutMs, QString *error)
{
    const int partitions = partitionCount(topic, timeoutMs, error);
    if (partitions < 0) {
        return std::nullopt;
    }
    QList<TopicPartition> wanted;
    for (int p = 0; p < partitions; ++p) {
        wanted.append({topic, p});
    }
    return committedOffsets(groupId, wanted, timeoutMs, error);
}

std::optional<QMap<TopicPartition, qint64>> Admin::committedOffsets(
    const QString &groupId, const QList<TopicPartition> &partitions, int timeoutMs, QString *error)
{
    PartitionList list = toNative(partitions);
    rd_kafka_ListConsumerGroupOffsets_t *spec
        = rd_kafka_ListConsumerGroupOffsets_new(groupId.toUtf8().constData(), list.get());
    QMap<TopicPartition, qint64> result;
    const bool ok = request(
        RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, timeoutMs,
        [&](rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            rd_kafka_ListConsumerGroupOffsets(handle(), &spec, 1, options, queue);
        },
        [&](rd_kafka_event_t *event) {
            size_t count = 0;
            const rd_kafka_group_result_t **groups
                = rd_kafka_ListConsumerGroupOffsets_result_groups(
                    rd_kafka_event_ListConsumerGroupOffsets_result(event), &count);
            for (size_t i = 0; i < count; ++i) {
                if (const rd_kafka_error_t *e = rd_kafka_group_result_error(groups[i])) {
                    fail(
                        error, rd_kafka_error_code(e), QString::fromUtf8(rd_kafka_error_string(e)));
                    return false;
                }
                const rd_kafka_topic_partition_list_t *offsets
                    = rd_kafka_group_result_partitions(groups[i]);
                for (int j = 0; offsets && j < offsets->cnt; ++j) {
                    const auto &e = offsets->elems[j];
                    result.insert(
                        {QString::fromUtf8(e.topic), e.partition}, e.offset >= 0 ? e.offset : -1);
                }
            }
            return true;
        },
        error);
    rd_kafka_ListConsumerGroupOffsets_destroy(spec);
    if (!ok) {
        return std::nullopt;
    }
    return result;
}

bool Admin::alterTopicConfig(const QString &topic, const QMap<QByteArray, QByteArray> &configs,
    int timeoutMs, QString *error)
{
    rd_kafka_ConfigResource_t *resource
        = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.toUtf8().constData());
    for (auto it = configs.cbegin(); it != configs.cend(); ++it) {
        rd_kafka_ConfigResource_set_config(resource, it.key().constData(), it.value().constData());
    }
    const bool ok = request(
        RD_KAFKA_ADMIN_OP_ALTERCONFIGS, timeoutMs,
        [&](rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            rd_kafka_AlterConfigs(handle(), &resource, 1, options, queue);
        },
        [&](rd_kafka_event_t *event) {
            size_t count = 0;
            const rd_kafka_ConfigResource_t **results = rd_kafka_AlterConfigs_result_resources(
                rd_kafka_event_AlterConfigs_result(event), &count);
            for (size_t i = 0; i < count; ++i) {
                if (const rd_kafka_resp_err_t err = rd_kafka_ConfigResource_error(results[i])) {
                    if (error) {
                        const char *msg = rd_kafka_ConfigResource_error_string(results[i]);
                        *error
                            = QStringLiteral("cannot change the settings of %1: %2")
                                  .arg(topic, QString::fromUtf8(msg ? msg : rd_kafka_err2str(err)));
                    }
                    return false;
                }
            }
            return true;
        },
        error);
    rd_kafka_ConfigResource_destroy(resource);
    return ok;
}

std::optional<QMap<QString, QMap<QByteArray, QByteArray>>> Admin::topicOverrides(
    const QStringList &topics, int timeoutMs, QString *error)
{
    std::vector<rd_kafka_ConfigResource_t *> resources;
    for (const QString &topic : topics) {
        resources.push_back(
            rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, topic.toUtf8().constData()));
    }
    QMap<QString, QMap<QByteArray, QByteArray>> result;
    const bool ok = request(
        RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, timeoutMs,
        [&](rd_kafka_AdminOptions_t *options, rd_kafka_queue_t *queue) {
            rd_kafka_DescribeConfigs(handle(), resources.data(), resources.size(), options, queue);
        },
        [&](rd_kafka_event_t *event) {
            size_t count = 0;
            const rd_kafka_ConfigResource_t **described = rd_kafka_DescribeConfigs_result_resources(
                rd_kafka_event_DescribeConfigs_result(event), &count);
            for (size_t i = 0; i < count; ++i) {
                if (rd_kafka_ConfigResource_error(described[i])) {
                    continue; // a topic that is not there (yet)
                }
                QMap<QByteArray, QByteArray> &set
                    = result[QString::fromUtf8(rd_kafka_ConfigResource_name(described[i]))];
                size_t entries = 0;
                const rd_kafka_ConfigEntry_t **configs
                    = rd_kafka_ConfigResource_configs(described[i], &entries);
                for (size_t j = 0; j < entries; ++j) {
                    const char *value = rd_kafka_ConfigEntry_value(configs[j]);
                    if (!rd_kafka_ConfigEntry_is_default(configs[j]) && value) {
                        set.insert(rd_kafka_ConfigEntry_name(configs[j]), value);
                    }
                }
            }
            return true;
        },
        error);
    for (rd_kafka_ConfigResource_t *r : resources) {
        rd_kafka_ConfigResource_destroy(r);
    }
    if (!ok) {
        return std::nullopt;
    }
    return result;
}

} // namespace chippy::kafka
