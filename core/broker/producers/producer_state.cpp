#include "producer_state.h"

#include <chrono>

namespace chippy::broker {

ProducerStateTable::ProducerStateTable()
{
    // Ids must not repeat across restarts of the broker on the same data directory.
    using namespace std::chrono;
    m_nextProducerId
        = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count() * 16;
}

std::optional<std::int16_t> ProducerStateTable::bumpEpoch(
    std::int64_t producerId, std::int16_t epoch)
{
    const auto it = m_epochs.find(producerId);
    if (it == m_epochs.end() || it->second != epoch || epoch == INT16_MAX) {
        return std::nullopt;
    }
    return ++it->second;
}

ProducerStateTable::Check ProducerStateTable::check(
    const std::string &topic, std::int32_t partition, const RecordBatchHeader &h) const
{
    if (h.producerId < 0) {
        return {};
    }
    const auto epochIt = m_epochs.find(h.producerId);
    if (epochIt != m_epochs.end() && h.producerEpoch < epochIt->second) {
        return {ErrorCode::InvalidProducerEpoch, std::nullopt};
    }
    const auto it = m_sequences.find({h.producerId, {topic, partition}});
    // A producer we have not seen on this partition (or since a restart) starts where it says.
    if (it == m_sequences.end() || it->second.recent.empty()
        || h.producerEpoch > it->second.epoch) {
        return {};
    }
    const std::int64_t lastSequence = std::int64_t(h.baseSequence) + h.lastOffsetDelta;
    for (const auto &b : it->second.recent) {
        if (b.firstSequence == h.baseSequence && b.lastSequence == lastSequence) {
            return {ErrorCode::None, b.baseOffset};
        }
    }
    // Sequences wrap from INT32_MAX back to 0.
    const std::int64_t expected = (it->second.recent.back().lastSequence + 1) % (1LL << 31);
    if (h.baseSequence != expected) {
        return {ErrorCode::OutOfOrderSequenceNumber, std::nullopt};
    }
    return {};
}

void ProducerStateTable::record(const std::string &topic, std::int32_t partition,
    const RecordBatchHeader &h, std::int64_t baseOffset)
{
    if (h.producerId < 0) {
        return;
    }
    auto &epoch = m_epochs[h.producerId];
    epoch = std::max(epoch, h.producerEpoch);
    auto &seq = m_sequences[{h.producerId, {topic, partition}}];
    if (h.producerEpoch > seq.epoch) {
        seq.recent.clear();
        seq.epoch = h.producerEpoch;
    }
    seq.recent.push_back(
        {h.baseSequence, std::int64_t(h.baseSequence) + h.lastOffsetDelta, baseOffset});
    if (seq.recent.size() > kRememberedBatches) {
        seq.recent.pop_front();
    }
}

void ProducerStateTable::forgetTopic(const std::string &topic)
{
    std::erase_if(m_sequences, [&](const auto &kv) { return kv.first.second.first == topic; });
}

} // namespace chippy::broker
