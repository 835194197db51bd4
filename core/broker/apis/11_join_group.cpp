#include "api.h"
#include "broker_state.h"

namespace chippy::broker {
namespace {

constexpr std::int16_t kFirstVersionRequiringMemberId = 4;
constexpr std::int16_t kFirstVersionWithSkipAssignment = 9;

// Kafka reports a member's host as the address of its connection, slash first.
std::string clientHost(const Responder &respond)
{
    const std::string peer = respond.peer();
    const auto colon = peer.rfind(':');
    return "/" + (colon == std::string::npos ? peer : peer.substr(0, colon));
}

JoinGroupRequest decode(const RequestHeader &header, Reader &body)
{
    const auto v = header.apiVersion;
    JoinGroupRequest req;
    req.groupId = body.string();
    req.sessionTimeoutMs = body.i32();
    req.rebalanceTimeoutMs = v >= 1 ? body.i32() : req.sessionTimeoutMs;
    req.memberId = body.string();
    if (v >= 5) {
        req.groupInstanceId = body.nullableString();
    }
    req.protocolType = body.string();
    body.forEach([&] {
        GroupProtocol p;
        p.name = body.string();
        const auto metadata = body.bytes();
        p.metadata.assign(metadata.begin(), metadata.end());
        body.skipTags();
        req.protocols.push_back(std::move(p));
    });
    if (v >= 8) {
        body.nullableString(); // reason, for the log of a real broker
    }
    body.skipTags();
    req.clientId = header.clientId.value_or("");
    req.requireKnownMemberId = v >= kFirstVersionRequiringMemberId;
    req.supportsSkipAssignment = v >= kFirstVersionWithSkipAssignment;
    return req;
}

void encode(Writer &w, std::int16_t v, const JoinGroupResult &r)
{
    if (v >= 2) {
        w.i32(0); // throttle time
    }
    w.i16(code(r.error));
    w.i32(r.generationId);
    if (v >= 7) {
        w.nullableString(r.protocolType);
        w.nullableString(r.protocolName);
    } else {
        w.string(r.protocolName.value_or(""));
    }
    w.string(r.leaderId);
    if (v >= 9) {
        w.boolean(r.skipAssignment);
    }
    w.string(r.memberId);
    w.arrayLength(r.members.size());
    for (const auto &m : r.members) {
        w.string(m.memberId);
        if (v >= 5) {
            w.nullableString(m.groupInstanceId);
        }
        w.bytes(m.metadata);
        w.tags();
    }
    w.tags();
}

void handleJoinGroup(
    BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    JoinGroupRequest req = decode(header, body);
    req.clientHost = clientHost(respond);
    state.groups.joinGroup(std::move(req), [respond](const JoinGroupResult &result) mutable {
        Writer w = respond.writer();
        encode(w, respond.apiVersion(), result);
        respond.send(std::move(w));
    });
}

} // namespace

extern const ApiSpec kJoinGroupApi {ApiKey::JoinGroup, "JoinGroup", 0, 9, 6, &handleJoinGroup};

} // namespace chippy::broker
