#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "protocol/error_code.h"
#include "protocol/record_batch.h"
#include "protocol/records.h"

#include <optional>
#include <system_error>
#include <vector>

namespace chippy::broker {
namespace {

struct PartitionResult
{
    std::int32_t index = 0;
    ErrorCode error = ErrorCode::None;
    std::int64_t baseOffset = -1;
    std::int64_t logStartOffset = -1;
    std::optional<std::string> message;
    // -1 as topics use CreateTime; a duplicate batch gets the max timestamp it was stored
    // with, as Kafka answers it.
    std::int64_t logAppendTimeMs = -1;
};

struct TopicResult
{
    std::string name;
    std::vector<PartitionResult> partitions;
};

void storeBatches(BrokerState &state, const Topic &topic, std::int32_t index, PartitionLog &log,
    const std::vector<BatchView> &batches, PartitionResult &result)
{
    std::size_t stored = 0;
    try {
        for (const auto &b : batches) {
            const auto base = log.append(b.bytes);
            state.producers.record(topic.name, index, b.header, base, ProducerStateTable::nowMs());
            if (result.baseOffset < 0) {
                result.baseOffset = base;
            }
            ++stored;
        }
    } catch (const std::system_error &e) {
        // A full or failing disk: the client hears it and may retry, the connection stays.
        brokerLog().error("cannot store a batch in {}-{}: {}", topic.name, index, e.what());
        result.error = ErrorCode::KafkaStorageError;
        result.message = e.what();
        result.baseOffset = -1;
    }
    if (stored > 0) {
        state.dataNotifier.notifyDataArrived();
    }
}

PartitionResult appendRecords(BrokerState &state, Topic *topic, std::int32_t index,
    std::span<const std::uint8_t> records, std::int16_t acks)
{
    PartitionResult result;
    result.index = index;
    PartitionLog *log = topic ? topic->partition(index) : nullptr;
    if (!log) {
        result.error = ErrorCode::UnknownTopicOrPartition;
        return result;
    }
    result.logStartOffset = log->logStartOffset();
    if (acks != 0 && acks != 1 && acks != -1) {
        result.error = ErrorCode::InvalidRequiredAcks;
        return result;
    }
    std::string why;
    // Validate the whole record set before storing any of it: all or nothing.
    auto batches = splitAndValidateBatches(records, why);
    if (batches.empty()) {
        const bool oldFormat = why.find("not supported") != std::string::npos;
        result.error
            = oldFormat ? ErrorCode::UnsupportedForMessageFormat : ErrorCode::CorruptMessage;
        result.message = why;
        return result;
    }
    const auto maxBytes = topic->config.maxMessageBytes(state.config);
    for (const auto &b : batches) {
        if (static_cast<std::int64_t>(b.bytes.size()) > maxBytes) {
            result.error = ErrorCode::MessageTooLarge;
            result.message = "batch of " + std::to_string(b.bytes.size()) + " bytes exceeds "
                + std::to_string(maxBytes);
            return result;
        }
        if (auto invalid = invalidProducedBatch(b)) {
            result.error = ErrorCode::InvalidRecord;
            result.message = std::move(invalid);
            return result;
        }
        if (b.header.isTransactional() || b.header.isControl()) {
            result.error = ErrorCode::UnsupportedForMessageFormat;
            result.message = "transactional batches are not supported";
            return result;
        }
        if (b.header.producerId >= 0 && batches.size() > 1) {
            // Sequence checks are all or nothing only for a single batch, as Kafka requires.
            result.error = ErrorCode::InvalidRecord;
            result.message = "an idempotent producer sends one batch per partition per request";
            return result;
        }
        const auto verdict = state.producers.check(topic->name, index, b.header);
        if (verdict.error != ErrorCode::None) {
            result.error = verdict.error;
            result.message = verdict.message;
            brokerLog().debug("refused a produced batch: {}", verdict.message);
            return result;
        }
        if (verdict.duplicateOf) {
            // A retry of a batch already stored: acknowledged where it went, not stored again.
            result.baseOffset = *verdict.duplicateOf;
            result.logAppendTimeMs = verdict.duplicateMaxTimestamp;
            return result;
        }
    }
    storeBatches(state, *topic, index, *log, batches, result);
    return result;
}

void handleProduce(BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto version = header.apiVersion;
    if (version >= 3) {
        body.nullableString(); // transactional id
    }
    const std::int16_t acks = body.i16();
    body.i32(); // timeout: every write completes before we answer
    std::vector<TopicResult> results;
    body.forEach([&] {
        TopicResult t;
        t.name = body.string();
        // Kafka creates topics from Metadata requests only; a produce to an unknown topic
        // is answered UNKNOWN_TOPIC_OR_PARTITION.
        Topic *topic = state.topics.find(t.name);
        body.forEach([&] {
            const std::int32_t index = body.i32();
            const auto records = body.nullableBytes();
            body.skipTags();
            if (!records) {
                t.partitions.push_back({index, ErrorCode::CorruptMessage, -1, -1, "no records"});
                return;
            }
            t.partitions.push_back(appendRecords(state, topic, index, *records, acks));
        });
        body.skipTags();
        results.push_back(std::move(t));
    });
    body.skipTags();

    if (acks == 0) {
        respond.sendNothing();
        return;
    }
    Writer w = respond.writer();
    w.arrayLength(results.size());
    for (const auto &t : results) {
        w.string(t.name);
        w.arrayLength(t.partitions.size());
        for (const auto &p : t.partitions) {
            w.i32(p.index);
            w.i16(code(p.error));
            w.i64(p.baseOffset);
            if (version >= 2) {
                w.i64(p.logAppendTimeMs);
            }
            if (version >= 5) {
                w.i64(p.logStartOffset);
            }
            if (version >= 8) {
                w.arrayLength(0); // per-record errors
                w.nullableString(p.message);
            }
            w.tags();
        }
        w.tags();
    }
    if (version >= 1) {
        w.i32(0); // throttle time
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kProduceApi {ApiKey::Produce, "Produce", 0, 9, 9, &handleProduce};

} // namespace chippy::broker
