#include "api.h"
#include "broker_state.h"

namespace chippy::broker {
namespace {

constexpr std::int16_t kFirstBatchVersion = 4;
constexpr std::int8_t kGroupKey = 0;
constexpr std::int8_t kTransactionKey = 1;

struct Answer
{
    std::string key;
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> message;
};

// One broker coordinates every group and transaction.
Answer lookUp(std::string key, std::int8_t keyType)
{
    if (keyType != kGroupKey && keyType != kTransactionKey) {
        return {std::move(key), ErrorCode::InvalidRequest,
            "unknown coordinator key type " + std::to_string(keyType)};
    }
    return {std::move(key), ErrorCode::None, std::nullopt};
}

void writeNode(Writer &w, const BrokerState &state, const Answer &a)
{
    const bool found = a.error == ErrorCode::None;
    w.i32(found ? state.config.nodeId : -1);
    w.string(found ? state.advertisedHost : std::string());
    w.i32(found ? state.port : -1);
}

void handleFindCoordinator(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    const auto v = header.apiVersion;
    std::vector<Answer> answers;
    if (v < kFirstBatchVersion) {
        auto key = body.string();
        const std::int8_t keyType = v >= 1 ? body.i8() : kGroupKey;
        answers.push_back(lookUp(std::move(key), keyType));
    } else {
        const std::int8_t keyType = body.i8();
        body.forEach([&] { answers.push_back(lookUp(body.string(), keyType)); });
    }
    body.skipTags();

    Writer w = respond.writer();
    if (v >= 1) {
        w.i32(0); // throttle time
    }
    if (v < kFirstBatchVersion) {
        const Answer &a = answers.front();
        w.i16(code(a.error));
        if (v >= 1) {
            w.nullableString(a.message);
        }
        writeNode(w, state, a);
    } else {
        w.arrayLength(answers.size());
        for (const Answer &a : answers) {
            w.string(a.key);
            writeNode(w, state, a);
            w.i16(code(a.error));
            w.nullableString(a.message);
            w.tags();
        }
    }
    w.tags();
    respond.send(std::move(w));
}

} // namespace

extern const ApiSpec kFindCoordinatorApi {
    ApiKey::FindCoordinator, "FindCoordinator", 0, 4, 3, &handleFindCoordinator};

} // namespace chippy::broker
