#include "api.h"
#include "broker_log.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <optional>

namespace chippy::broker {
namespace {

// Versions from which the producer may send the id and epoch it holds (KIP-360), and from
// which a fenced producer is told PRODUCER_FENCED rather than INVALID_PRODUCER_EPOCH.
constexpr std::int16_t kFirstVersionWithCurrentProducer = 3;
constexpr std::int16_t kFirstVersionWithProducerFenced = 4;

void writeAnswer(Responder &respond, ErrorCode error, std::int64_t producerId, std::int16_t epoch)
{
    Writer w = respond.writer();
    w.i32(0); // throttle time
    w.i16(code(error));
    w.i64(producerId);
    w.i16(epoch);
    w.tags();
    respond.send(std::move(w));
}

void handleInitProducerId(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto version = header.apiVersion;
    const auto transactionalId = body.nullableString();
    body.i32(); // transaction timeout: only meaningful for transactions
    std::int64_t producerId = -1;
    std::int16_t epoch = -1;
    if (version >= kFirstVersionWithCurrentProducer) {
        producerId = body.i64();
        epoch = body.i16();
    }
    body.skipTags();

    if (transactionalId) {
        // Transactions are not supported. Of the codes clients know, this one makes both
        // librdkafka and the Java client stop at once with a fatal error naming the
        // transactional id, where coordinator errors would have them retry forever.
        brokerLog().warn("refused transactional id '{}' from {}: transactions are not supported",
            *transactionalId, respond.peer());
        writeAnswer(respond,
            transactionalId->empty() ? ErrorCode::InvalidRequest
                                     : ErrorCode::TransactionalIdAuthorizationFailed,
            -1, -1);
        return;
    }
    if ((producerId < 0) != (epoch < 0)) {
        writeAnswer(respond, ErrorCode::InvalidRequest, -1, -1);
        return;
    }
    std::optional<ProducerStateTable::ProducerIdAndEpoch> current;
    if (producerId >= 0) {
        current = ProducerStateTable::ProducerIdAndEpoch {producerId, epoch};
    }
    const auto grant = state.producers.initProducer(current, ProducerStateTable::nowMs());
    if (grant.error == ErrorCode::InvalidProducerEpoch) {
        brokerLog().info("InitProducerId from {}: {}", respond.peer(), grant.message);
        writeAnswer(respond,
            version >= kFirstVersionWithProducerFenced ? ErrorCode::ProducerFenced
                                                       : ErrorCode::InvalidProducerEpoch,
            -1, -1);
        return;
    }
    writeAnswer(respond, grant.error, grant.producer.producerId, grant.producer.epoch);
}

} // namespace

extern const ApiSpec kInitProducerIdApi {
    ApiKey::InitProducerId, "InitProducerId", 0, 4, 2, &handleInitProducerId};

} // namespace chippy::broker
