#include "kafka/consumer.h"

#include "kafka/kafka_log.h"
#include "kafka/native_lists.h"

#include <algorithm>
#include <cstring>

namespace chippy::kafka {

namespace {

// How long a start-at-time lookup may take inside a rebalance.
constexpr int kOffsetsForTimesTimeoutMs = 5000;

// librdkafka has no getter for the generation, but its serialised group metadata (meant to be
// handed to a transactional producer) starts with a fixed magic followed by the generation
// in host byte order; see rd_kafka_consumer_group_metadata_write().
constexpr char kGroupMetadataMagic[] = {'C', 'G', 'M', 'D', 'v', '2', ':'};

QString partitionKey(const char *topic, int partition)
{
    return QString::fromUtf8(topic) + QLatin1Char('/') + QString::number(partition);
}

} // namespace

QByteArray Message::header(const QByteArray &name) const
{
    for (const Header &h : headers) {
        if (h.name == name) {
            return h.value;
        }
    }
    return {};
}

ClientConfig Consumer::defaults()
{
    return ClientConfig {
        {"enable.auto.offset.store", "false"},
        {"enable.auto.commit", "true"},
        {"auto.commit.interval.ms", "1000"},
        {"auto.offset.reset", "earliest"},
        {"enable.partition.eof", "false"},
    };
}

std::unique_ptr<Consumer> Consumer::create(const ClientConfig &config, QString *error)
{
    ClientConfig merged = defaults();
    merged.merge(config);
    if (merged.value("group.id").isEmpty()) {
        if (error) {
            *error = QStringLiteral("a consumer needs a group.id");
        }
        return {};
    }
    std::unique_ptr<Consumer> consumer(new Consumer);
    if (!consumer->Client::create(Type::Consumer, merged, error)) {
        return {};
    }
    // Errors, logs and rebalances are all served by consumer poll from here on.
    rd_kafka_poll_set_consumer(consumer->handle());
    return consumer;
}

Consumer::~Consumer()
{
    close();
}

bool Consumer::subscribe(const QStringList &topics, QString *error)
{
    PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(topics.size())));
    for (const QString &topic : topics) {
        rd_kafka_topic_partition_list_add(
            list.get(), topic.toUtf8().constData(), RD_KAFKA_PARTITION_UA);
    }
    const rd_kafka_resp_err_t err = rd_kafka_subscribe(handle(), list.get());
    if (err && error) {
        *error = errorInWords(err, QString(), errorContext());
    }
    return !err;
}

bool Consumer::assign(const QList<TopicPartition> &partitions, QString *error)
{
    PartitionList list = toNative(partitions);
    for (int i = 0; i < list->cnt; ++i) {
        list->elems[i].offset = RD_KAFKA_OFFSET_INVALID;
    }
    applyStartPositions(list.get());
    const rd_kafka_resp_err_t err = rd_kafka_assign(handle(), list.get());
    if (err && error) {
        *error = errorInWords(err, QString(), errorContext());
    }
    return !err;
}

QList<Message> Consumer::poll(int timeoutMs, int maxMessages)
{
    QList<Message> messages;
    m_collecting = &messages;
    int timeout = timeoutMs;
    while (messages.size() < maxMessages && !m_closed) {
        rd_kafka_message_t *msg = rd_kafka_consumer_poll(handle(), timeout);
        timeout = 0;
        if (!msg) {
            break;
        }
        if (msg->err) {
            if (msg->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART
                || msg->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC) {
                recordErrorWords(msg->err,
                    topicMissingInWords(
                        msg->rkt ? QString::fromUtf8(rd_kafka_topic_name(msg->rkt)) : QString()));
            } else if (msg->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                recordError(msg->err, QString::fromUtf8(rd_kafka_message_errstr(msg)));
            }
            rd_kafka_message_destroy(msg);
            continue;
        }
        Message m;
        m.topic = QString::fromUtf8(rd_kafka_topic_name(msg->rkt));
        m.partition = msg->partition;
        m.offset = msg->offset;
        m.timestampMs = rd_kafka_message_timestamp(msg, nullptr);
        if (msg->key) {
            m.key = QByteArray(static_cast<const char *>(msg->key), msg->key_len);
        }
        m.value = QByteArray(static_cast<const char *>(msg->payload), msg->len);
        rd_kafka_headers_t *hdrs = nullptr;
        if (rd_kafka_message_headers(msg, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            const char *name = nullptr;
            const void *value = nullptr;
            size_t size = 0;
            for (size_t i = 0; rd_kafka_header_get_all(hdrs, i, &name, &value, &size) == 0; ++i) {
                m.headers.append({QByteArray(name),
                    QByteArray(static_cast<const char *>(value), static_cast<qsizetype>(size))});
            }
        }
        rd_kafka_message_destroy(msg);
        messages.append(std::move(m));
    }
    m_collecting = nullptr;
    return messages;
}

QList<TopicPartition> Consumer::assignment() const
{
    rd_kafka_topic_partition_list_t *raw = nullptr;
    if (!handle() || rd_kafka_assignment(handle(), &raw) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        return {};
    }
    PartitionList list(raw);
    return fromNative(list.get());
}

void Consumer::storeOffset(const TopicPartition &partition, qint64 nextOffset)
{
    PartitionList list = toNative({partition});
    list->elems[0].offset = nextOffset;
    // Fails only for partitions no longer assigned, whose work another member redoes.
    rd_kafka_offsets_store(handle(), list.get());
}

bool Consumer::commit(QString *error)
{
    const rd_kafka_resp_err_t err = rd_kafka_commit(handle(), nullptr, 0);
    // Nothing stored since the last commit is not a failure.
    if (err && err != RD_KAFKA_RESP_ERR__NO_OFFSET) {
        if (error) {
            *error = errorInWords(err, QString(), errorContext());
        }
        return false;
    }
    return true;
}

void Consumer::pause(const QList<TopicPartition> &partitions)
{
    PartitionList list = toNative(partitions);
    rd_kafka_pause_partitions(handle(), list.get());
}

void Consumer::resume(const QList<TopicPartition> &partitions)
{
    PartitionList list = toNative(partitions);
    rd_kafka_resume_partitions(handle(), list.get());
}

QList<PartitionLag> Consumer::lag() const
{
    QList<PartitionLag> result;
    const QList<TopicPartition> owned = assignment();
    if (owned.isEmpty()) {
        return result;
    }
    PartitionList list = toNative(owned);
    rd_kafka_position(handle(), list.get());
    for (int i = 0; i < list->cnt; ++i) {
        const auto &e = list->elems[i];
        PartitionLag lag;
        lag.partition = {QString::fromUtf8(e.topic), e.partition};
        int64_t low = -1;
        int64_t high = -1;
        rd_kafka_get_watermark_offsets(handle(), e.topic, e.partition, &low, &high);
        lag.logEnd = high;
        lag.position = e.offset >= 0 ? e.offset : -1;
        if (lag.position >= 0 && high >= 0) {
            lag.lag = std::max<qint64>(0, high - lag.position);
        } else if (high >= 0 && high == low) {
            lag.lag = 0; // an empty partition has nothing waiting
        }
        result.append(lag);
    }
    return result;
}

QString Consumer::memberId() const
{
    if (!handle()) {
        return {};
    }
    char *id = rd_kafka_memberid(handle());
    if (!id) {
        return {};
    }
    const QString result = QString::fromUtf8(id);
    rd_kafka_mem_free(handle(), id);
    return result;
}

int Consumer::generation() const
{
    if (!handle()) {
        return -1;
    }
    rd_kafka_consumer_group_metadata_t *md = rd_kafka_consumer_group_metadata(handle());
    if (!md) {
        return -1;
    }
    int32_t generation = -1;
    void *buffer = nullptr;
    size_t size = 0;
    if (rd_kafka_error_t *err = rd_kafka_consumer_group_metadata_write(md, &buffer, &size)) {
        rd_kafka_error_destroy(err);
    } else {
        constexpr size_t kMagic = sizeof(kGroupMetadataMagic);
        if (size >= kMagic + sizeof(generation)
            && std::memcmp(buffer, kGroupMetadataMagic, kMagic) == 0) {
            std::memcpy(
                &generation, static_cast<const char *>(buffer) + kMagic, sizeof(generation));
        }
        rd_kafka_mem_free(handle(), buffer);
    }
    rd_kafka_consumer_group_metadata_destroy(md);
    return generation;
}

void Consumer::close()
{
    if (!handle() || m_closed) {
        return;
    }
    m_closed = true;
    // Serves the final revoke through onRebalance, commits and sends LeaveGroup.
    rd_kafka_consumer_close(handle());
    destroyHandle(0);
}

void Consumer::vanish()
{
    if (!handle()) {
        return;
    }
    m_closed = true;
    m_onRebalance = {};
    destroyHandle(RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
}

void Consumer::applyStartPositions(void *partitions)
{
    auto *list = static_cast<rd_kafka_topic_partition_list_t *>(partitions);
    PartitionList byTime(rd_kafka_topic_partition_list_new(list->cnt));
    for (int i = 0; i < list->cnt; ++i) {
        auto &e = list->elems[i];
        const QString key = partitionKey(e.topic, e.partition);
        if (m_started.contains(key)) {
            continue;
        }
        m_started.insert(key);
        const auto own = std::find_if(
            m_startOffsets.cbegin(), m_startOffsets.cend(), [&e](const TopicPartitionOffset &o) {
                return o.partition == e.partition && o.topic == QString::fromUtf8(e.topic);
            });
        if (own != m_startOffsets.cend()) {
            e.offset = own->offset;
            continue;
        }
        switch (m_start.kind) {
        case StartPosition::Kind::Committed:
            break;
        case StartPosition::Kind::Earliest:
            e.offset = RD_KAFKA_OFFSET_BEGINNING;
            break;
        case StartPosition::Kind::Latest:
            e.offset = RD_KAFKA_OFFSET_END;
            break;
        case StartPosition::Kind::Offset:
            e.offset = m_start.value;
            break;
        case StartPosition::Kind::Time:
            rd_kafka_topic_partition_list_add(byTime.get(), e.topic, e.partition)->offset
                = m_start.value;
            break;
        }
    }
    if (byTime->cnt == 0) {
        return;
    }
    const rd_kafka_resp_err_t err
        = rd_kafka_offsets_for_times(handle(), byTime.get(), kOffsetsForTimesTimeoutMs);
    if (err) {
        recordError(err, QStringLiteral("looking up offsets by time"));
    }
    for (int i = 0; i < byTime->cnt; ++i) {
        const auto &found = byTime->elems[i];
        rd_kafka_topic_partition_t *target
            = rd_kafka_topic_partition_list_find(list, found.topic, found.partition);
        // -1 means no record at or after that time: start at the end and wait for new ones.
        target->offset
            = (err || found.err || found.offset < 0) ? RD_KAFKA_OFFSET_END : found.offset;
    }
}

void Consumer::onRebalance(int code, void *partitions)
{
    auto *list = static_cast<rd_kafka_topic_partition_list_t *>(partitions);
    // No protocol at all (NULL) while the member is leaving a group it never fully joined.
    const char *protocol = rd_kafka_rebalance_protocol(handle());
    const bool cooperative = protocol && std::strcmp(protocol, "COOPERATIVE") == 0;
    Rebalance change;
    change.partitions = fromNative(list);
    change.generation = generation();
    change.memberId = memberId();

    if (code == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        applyStartPositions(list);
        if (cooperative) {
            if (rd_kafka_error_t *e = rd_kafka_incremental_assign(handle(), list)) {
                recordError(rd_kafka_error_code(e), QString::fromUtf8(rd_kafka_error_string(e)));
                rd_kafka_error_destroy(e);
            }
        } else {
            rd_kafka_assign(handle(), list);
        }
        change.kind = Rebalance::Kind::Assigned;
        if (m_onRebalance) {
            m_onRebalance(change);
        }
        return;
    }

    change.kind = Rebalance::Kind::Revoked;
    change.lost = rd_kafka_assignment_lost(handle());
    if (m_collecting) {
        m_collecting->removeIf([&](const Message &m) {
            return change.partitions.contains(TopicPartition {m.topic, m.partition});
        });
    }
    if (m_onRebalance) {
        m_onRebalance(change);
    }
    if (code == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS && !change.lost) {
        QString error;
        if (!commit(&error)) {
            qCInfo(lcKafka) << name() << "commit on revoke failed:" << error;
        }
    } else if (code != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
        recordError(code, QStringLiteral("rebalance failed"));
    }
    if (cooperative) {
        if (rd_kafka_error_t *e = rd_kafka_incremental_unassign(handle(), list)) {
            rd_kafka_error_destroy(e);
        }
    } else {
        rd_kafka_assign(handle(), nullptr);
    }
}

} // namespace chippy::kafka
