#include "shop/participants/back_office_reader.h"

namespace chippy::shop {

BackOfficeReader::BackOfficeReader(
    const QString &name, const QStringList &topics, std::shared_ptr<ShopContext> context)
    : GroupMember(name, name, topics, kafka::StartPosition::earliest(), std::move(context))
{ }

bool BackOfficeReader::openOutputs(QString *error)
{
    m_next.clear();
    m_batched = 0;
    m_storeDown = false;
    m_retryMs = kFirstRetryMs;
    return openStore(error);
}

void BackOfficeReader::closeOutputs()
{
    flush();
    closeStore();
}

void BackOfficeReader::abandonOutputs()
{
    dropBatch();
    closeStore();
}

void BackOfficeReader::handle(const kafka::Message &message)
{
    const kafka::TopicPartition where {message.topic, message.partition};
    if (!m_replayAnnounced.value(where)) {
        m_replayAnnounced.insert(where, true);
        postReplaying(message, QStringLiteral("replays"));
    }
    collect(message);
    m_next.insert(where, message.offset + 1);
    ++m_batched;
}

void BackOfficeReader::afterBatch()
{
    if (m_batched == 0) {
        return;
    }
    if (m_storeDown && m_sinceFailure.elapsed() < m_retryMs) {
        return;
    }
    flush();
}

int BackOfficeReader::pollTimeoutMs() const
{
    return m_storeDown ? static_cast<int>(std::min<qint64>(kPollMs, m_retryMs)) : kPollMs;
}

void BackOfficeReader::revoking(const QList<kafka::TopicPartition> &, bool lost)
{
    // Alone in its group, a reader gives up everything at once; what the store did not take is
    // read again from the committed offsets by whoever reads next.
    if (lost || !flush()) {
        dropBatch();
        m_next.clear();
        m_batched = 0;
        holdStill(false);
    }
    m_replayAnnounced.clear();
}

bool BackOfficeReader::flush()
{
    if (m_batched == 0) {
        return true;
    }
    QList<kafka::TopicPartitionOffset> next;
    for (auto it = m_next.cbegin(); it != m_next.cend(); ++it) {
        next.append({it.key().topic, it.key().partition, it.value()});
    }
    QString error;
    if (!store(next, &error)) {
        m_sinceFailure.start();
        if (m_storeDown) {
            m_retryMs = std::min(m_retryMs * 2, kMaxRetryMs);
        }
        m_storeDown = true;
        holdStill(true);
        postError(QStringLiteral("%1 cannot write to %2: %3; holding %4 records and trying again")
                      .arg(name(), storeName(), error)
                      .arg(m_batched));
        return false;
    }
    for (const kafka::TopicPartitionOffset &o : next) {
        consumer().storeOffset({o.topic, o.partition}, o.offset);
    }
    ShopEvent e = event(ShopEvent::Kind::Recorded);
    e.value = m_batched;
    if (m_storeDown) {
        e.text = QStringLiteral("%1 writes to %2 again").arg(name(), storeName());
    }
    post(e);
    m_next.clear();
    m_batched = 0;
    m_retryMs = kFirstRetryMs;
    if (m_storeDown) {
        m_storeDown = false;
        holdStill(false);
    }
    return true;
}

void BackOfficeReader::holdStill(bool hold)
{
    const QList<kafka::TopicPartition> owned = consumer().assignment();
    if (owned.isEmpty()) {
        return;
    }
    if (hold) {
        consumer().pause(owned);
    } else if (!context().live.paused) {
        consumer().resume(owned);
    }
}

} // namespace chippy::shop
