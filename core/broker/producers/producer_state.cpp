#include "producer_state.h"

#include <algorithm>
#include <chrono>
#include <climits>

namespace chippy::broker {
namespace {

constexpr std::int64_t kLargestGrantedId = INT64_MAX / 2;

} // namespace

ProducerStateTable::ProducerStateTable()
{
    // Ids must not repeat across restarts of the broker on the same data directory.
    using namespace std::chrono;
    m_nextProducerId
        = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() * 16;
}

std::int64_t ProducerStateTable::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

std::int32_t ProducerStateTable::addToSequence(std::int32_t sequence, std::int32_t increment)
{
    if (sequence > INT32_MAX - increment) {
        return increment - (INT32_MAX - sequence) - 1;
    }
    return sequence + increment;
}

ProducerStateTable::ProducerIdAndEpoch ProducerStateTable::grantNewId(std::int64_t nowMs)
{
    const std::int64_t id = m_nextProducerId++;
    m_producers[id] = Producer {0, -1, nowMs};
    return {id, 0};
}

void ProducerStateTable::forgetProducer(std::int64_t producerId)
{
    m_producers.erase(producerId);
    auto it = m_sequences.lower_bound(Key {producerId, {std::string(), INT32_MIN}});
    while (it != m_sequences.end() && it->first.first == producerId) {
        it = m_sequences.erase(it);
    }
}

void ProducerStateTable::expireIdle(std::int64_t nowMs)
{
    for (auto it = m_producers.begin(); it != m_producers.end();) {
        const auto id = it->first;
        const bool idle = nowMs - it->second.lastSeenMs > kExpirationMs;
        ++it;
        if (idle) {
            forgetProducer(id);
        }
    }
}

ProducerStateTable::Grant ProducerStateTable::initProducer(
    std::optional<ProducerIdAndEpoch> current, std::int64_t nowMs)
{
    expireIdle(nowMs);
    if (!current) {
        return {ErrorCode::None, grantNewId(nowMs), {}};
    }
    const auto it = m_producers.find(current->producerId);
    if (it == m_producers.end()) {
        // Forgotten (idle too long, or the broker restarted): the producer starts afresh.
        return {ErrorCode::None, grantNewId(nowMs), {}};
    }
    Producer &p = it->second;
    p.lastSeenMs = nowMs;
    if (current->epoch == p.previousEpoch) {
        return {ErrorCode::None, {current->producerId, p.epoch}, {}};
    }
    if (current->epoch < p.epoch) {
        return {ErrorCode::InvalidProducerEpoch, {},
            "producer " + std::to_string(current->producerId) + " is at epoch "
                + std::to_string(p.epoch) + ", so epoch " + std::to_string(current->epoch)
                + " is fenced"};
    }
    if (current->epoch >= kLastEpoch) {
        forgetProducer(current->producerId);
        return {ErrorCode::None, grantNewId(nowMs), {}};
    }
    p.previousEpoch = current->epoch;
    p.epoch = static_cast<std::int16_t>(current->epoch + 1);
    return {ErrorCode::None, {current->producerId, p.epoch}, {}};
}

ProducerStateTable::Verdict ProducerStateTable::check(
    const std::string &topic, std::int32_t partition, const RecordBatchHeader &h) const
{
    if (h.producerId < 0) {
        return {};
    }
    // Only refusals need these, so they are not built for every batch.
    const auto who = [&] { return "producer " + std::to_string(h.producerId); };
    const auto where = [&] { return topic + "-" + std::to_string(partition); };
    if (h.baseSequence < 0) {
        return {ErrorCode::OutOfOrderSequenceNumber, std::nullopt,
            "batch from " + who() + " to " + where() + " carries no sequence number"};
    }
    const auto producer = m_producers.find(h.producerId);
    const std::int16_t knownEpoch = producer == m_producers.end() ? -1 : producer->second.epoch;
    const auto it = m_sequences.find({h.producerId, {topic, partition}});
    const std::int16_t partitionEpoch = it == m_sequences.end() ? -1 : it->second.epoch;
    if (h.producerEpoch < knownEpoch || h.producerEpoch < partitionEpoch) {
        return {ErrorCode::InvalidProducerEpoch, std::nullopt,
            "epoch " + std::to_string(h.producerEpoch) + " of " + who() + " is fenced by epoch "
                + std::to_string(std::max(knownEpoch, partitionEpoch))};
    }
    if (it == m_sequences.end()) {
        // First batch of this producer here, or its state was lost: it starts where it says.
        return {};
    }
    if (h.producerEpoch > partitionEpoch) {
        if (h.baseSequence != 0) {
            return {ErrorCode::OutOfOrderSequenceNumber, std::nullopt,
                "the first batch of epoch " + std::to_string(h.producerEpoch) + " of " + who()
                    + " to " + where() + " must start at sequence 0, not "
                    + std::to_string(h.baseSequence)};
        }
        return {};
    }
    const auto &recent = it->second.recent;
    const std::int32_t lastSequence = addToSequence(h.baseSequence, h.lastOffsetDelta);
    for (const auto &b : recent) {
        if (b.firstSequence == h.baseSequence && b.lastSequence == lastSequence) {
            return {ErrorCode::None, b.baseOffset, {}, b.maxTimestamp};
        }
    }
    const std::int32_t expected = addToSequence(recent.back().lastSequence, 1);
    if (h.baseSequence != expected) {
        return {ErrorCode::OutOfOrderSequenceNumber, std::nullopt,
            who() + " sent sequence " + std::to_string(h.baseSequence) + " to " + where()
                + " where " + std::to_string(expected) + " was expected"};
    }
    return {};
}

void ProducerStateTable::record(const std::string &topic, std::int32_t partition,
    const RecordBatchHeader &h, std::int64_t baseOffset, std::int64_t nowMs)
{
    if (h.producerId < 0) {
        return;
    }
    // Ids recovered from the log must not be handed out again.
    // Ids beyond the range this broker grants from are a client's invention: moving the next
    // id up to them would leave no room to count on without overflowing.
    if (h.producerId < kLargestGrantedId) {
        m_nextProducerId = std::max(m_nextProducerId, h.producerId + 1);
    }
    Producer &p = m_producers[h.producerId];
    if (h.producerEpoch >= p.epoch) {
        // Writing at the current epoch shows the producer got its last bump, so a request
        // with the older epoch is a zombie now, not a retry. A higher epoch is one the
        // producer bumped by itself (librdkafka does so after a timeout).
        p.epoch = h.producerEpoch;
        p.previousEpoch = -1;
    }
    p.lastSeenMs = nowMs;
    auto &seq = m_sequences[{h.producerId, {topic, partition}}];
    if (h.producerEpoch != seq.epoch) {
        seq.recent.clear();
        seq.epoch = h.producerEpoch;
    }
    seq.recent.push_back({h.baseSequence, addToSequence(h.baseSequence, h.lastOffsetDelta),
        baseOffset, h.maxTimestamp});
    if (seq.recent.size() > kRememberedBatches) {
        seq.recent.pop_front();
    }
}

void ProducerStateTable::forgetTopic(const std::string &topic)
{
    std::erase_if(m_sequences, [&](const auto &kv) { return kv.first.second.first == topic; });
}

} // namespace chippy::broker
