#include "group_member.h"

#include <utility>

namespace chippy::test {

using broker::ApiKey;

broker::BrokerConfig groupTestConfig()
{
    broker::BrokerConfig c;
    c.defaultPartitions = kTopicPartitions;
    c.groupMinSessionTimeoutMs = 100;
    // Groups form at once: the tests time rebalances themselves.
    c.groupInitialRebalanceDelayMs = 0;
    return c;
}

bool createTopic(quint16 port, const std::string &topic)
{
    PipelinedWireClient admin(port);
    return admin.call(ApiKey::Metadata, 4, metadataRequest(4, {topic})).has_value();
}

GroupMemberClient::GroupMemberClient(
    quint16 port, std::string groupId, std::optional<std::string> instanceId)
    : wire(port)
    , groupId(std::move(groupId))
    , instanceId(std::move(instanceId))
{ }

JoinParams GroupMemberClient::joinParams() const
{
    JoinParams p;
    p.groupId = groupId;
    p.memberId = memberId;
    p.groupInstanceId = instanceId;
    p.sessionTimeoutMs = sessionTimeoutMs;
    p.rebalanceTimeoutMs = rebalanceTimeoutMs;
    p.protocols = {{"range", subscription(topics)}};
    return p;
}

bool GroupMemberClient::fetchMemberId(std::int16_t v)
{
    const auto reply = wire.call(ApiKey::JoinGroup, v, joinGroupRequest(v, joinParams()));
    if (!reply) {
        return false;
    }
    const auto j = parseJoinGroup(v, *reply);
    memberId = j.memberId;
    return j.error == kMemberIdRequired && !memberId.empty();
}

void GroupMemberClient::sendJoin(std::int16_t v)
{
    m_joinVersion = v;
    wire.send(ApiKey::JoinGroup, v, joinGroupRequest(v, joinParams()));
}

bool GroupMemberClient::receiveJoin()
{
    const auto reply = wire.receive();
    if (!reply) {
        return false;
    }
    joined = parseJoinGroup(m_joinVersion, *reply);
    if (joined.error == kNone) {
        memberId = joined.memberId;
        generation = joined.generationId;
    }
    return true;
}

void GroupMemberClient::sendSync(const std::vector<std::pair<std::string, Bytes>> &assignments)
{
    wire.send(ApiKey::SyncGroup, 3,
        syncGroupRequest(3, groupId, generation, memberId, assignments, instanceId));
}

SyncReply GroupMemberClient::receiveSync()
{
    const auto reply = wire.receive();
    return reply ? parseSyncGroup(3, *reply) : SyncReply {};
}

std::int16_t GroupMemberClient::heartbeat(std::int16_t v)
{
    const auto reply = wire.call(ApiKey::Heartbeat, v,
        heartbeatRequest(v, groupId, generation, memberId, v >= 3 ? instanceId : std::nullopt));
    return reply ? parseHeartbeat(v, *reply) : std::int16_t(-1);
}

CommitErrors commitOffsets(PipelinedWireClient &wire, const CommitParams &p, std::int16_t v)
{
    const auto reply = wire.call(ApiKey::OffsetCommit, v, offsetCommitRequest(v, p));
    return reply ? parseOffsetCommit(v, *reply) : CommitErrors {};
}

FetchedOffsets fetchAllOffsets(quint16 port, const std::string &groupId, std::int16_t v)
{
    PipelinedWireClient wire(port);
    const auto reply
        = wire.call(ApiKey::OffsetFetch, v, offsetFetchRequest(v, {{groupId, std::nullopt}}));
    return reply ? parseOffsetFetch(v, *reply, groupId)[groupId] : FetchedOffsets {};
}

std::vector<DescribedGroup> describeGroups(
    quint16 port, const std::vector<std::string> &groups, std::int16_t v)
{
    PipelinedWireClient admin(port);
    const auto reply = admin.call(ApiKey::DescribeGroups, v, describeGroupsRequest(v, groups));
    return reply ? parseDescribeGroups(v, *reply) : std::vector<DescribedGroup> {};
}

DescribedGroup describeGroup(quint16 port, const std::string &groupId, std::int16_t v)
{
    auto groups = describeGroups(port, {groupId}, v);
    return groups.size() == 1 ? groups.front() : DescribedGroup {};
}

std::int16_t errorAt(const CommitErrors &errors, const std::string &topic, std::int32_t partition)
{
    const auto it = errors.find({topic, partition});
    return it == errors.end() ? std::int16_t(-1) : it->second;
}

FetchedPartition partitionAt(
    const FetchedOffsets &offsets, const std::string &topic, std::int32_t partition)
{
    const auto it = offsets.find({topic, partition});
    return it == offsets.end() ? FetchedPartition {-2, -2, std::nullopt, -2} : it->second;
}

} // namespace chippy::test
