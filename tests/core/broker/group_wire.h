#pragma once

#include "protocol/api_key.h"
#include "protocol/reader.h"
#include "protocol/writer.h"

#include <QTcpSocket>

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chippy::test {

using Bytes = std::vector<std::uint8_t>;

// A raw Kafka connection for tests with several requests in flight (a JoinGroup that waits
// while others are sent): hand-encoded requests out, response bodies back in request order.
// Every request has client id "group-test".
class PipelinedWireClient
{
public:
    static constexpr int kReplyTimeoutMs = 15000;

    explicit PipelinedWireClient(quint16 port);

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(broker::ApiKey key, std::int16_t version, broker::Writer body);
    // The next response's body, or nullopt when none arrived in time or it was not the
    // answer to the oldest request.
    std::optional<Bytes> receive(int timeoutMs = kReplyTimeoutMs);
    std::optional<Bytes> call(broker::ApiKey key, std::int16_t version, broker::Writer body)
    {
        send(key, version, std::move(body));
        return receive();
    }

private:
    bool fill(Bytes &data, std::size_t n, int timeoutMs);

    QTcpSocket m_socket;
    std::int32_t m_nextCorrelationId = 1;
    std::deque<std::pair<std::int32_t, bool>> m_inFlight; // correlation id, flexible
};

// The consumer protocol as clients encode it (version 0).
Bytes subscription(const std::vector<std::string> &topics);
Bytes assignment(const std::map<std::string, std::vector<std::int32_t>> &partitions);

struct JoinParams
{
    std::string groupId;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::int32_t sessionTimeoutMs = 10000;
    std::int32_t rebalanceTimeoutMs = 5000;
    std::string protocolType = "consumer";
    std::vector<std::pair<std::string, Bytes>> protocols;
};
broker::Writer joinGroupRequest(std::int16_t v, const JoinParams &p);

struct JoinReply
{
    std::int16_t error = -1;
    std::int32_t generationId = -1;
    std::optional<std::string> protocolType;
    std::optional<std::string> protocolName;
    std::string leaderId;
    bool skipAssignment = false;
    std::string memberId;
    std::vector<std::pair<std::string, Bytes>> members;
};
JoinReply parseJoinGroup(std::int16_t v, const Bytes &body);

broker::Writer syncGroupRequest(std::int16_t v, const std::string &groupId,
    std::int32_t generationId, const std::string &memberId,
    const std::vector<std::pair<std::string, Bytes>> &assignments,
    const std::optional<std::string> &groupInstanceId = std::nullopt);
struct SyncReply
{
    std::int16_t error = -1;
    Bytes assignment;
};
SyncReply parseSyncGroup(std::int16_t v, const Bytes &body);

broker::Writer heartbeatRequest(std::int16_t v, const std::string &groupId,
    std::int32_t generationId, const std::string &memberId,
    const std::optional<std::string> &groupInstanceId = std::nullopt);
std::int16_t parseHeartbeat(std::int16_t v, const Bytes &body);

// v0-2 take exactly one member id; v3+ a batch.
broker::Writer leaveGroupRequest(std::int16_t v, const std::string &groupId,
    const std::vector<std::pair<std::string, std::optional<std::string>>> &members);
struct LeaveReply
{
    std::int16_t error = -1;
    std::vector<std::int16_t> memberErrors;
};
LeaveReply parseLeaveGroup(std::int16_t v, const Bytes &body);

struct CommitParams
{
    std::string groupId;
    std::int32_t generationId = -1;
    std::string memberId;
    // topic -> (partition, offset)
    std::map<std::string, std::vector<std::pair<std::int32_t, std::int64_t>>> offsets;
    std::optional<std::string> metadata = std::string("fish");
};
broker::Writer offsetCommitRequest(std::int16_t v, const CommitParams &p);
// (topic, partition) -> error
std::map<std::pair<std::string, std::int32_t>, std::int16_t> parseOffsetCommit(
    std::int16_t v, const Bytes &body);

struct FetchedPartition
{
    std::int64_t offset = -1;
    std::int32_t leaderEpoch = -1;
    std::optional<std::string> metadata;
    std::int16_t error = -1;
};
using FetchedOffsets = std::map<std::pair<std::string, std::int32_t>, FetchedPartition>;
using TopicPartitionList = std::vector<std::pair<std::string, std::vector<std::int32_t>>>;
// nullopt topics: all of the group's offsets (v2+).
broker::Writer offsetFetchRequest(std::int16_t v,
    const std::vector<std::pair<std::string, std::optional<TopicPartitionList>>> &groups);
// group -> offsets; v0-7 answer for the one group asked.
std::map<std::string, FetchedOffsets> parseOffsetFetch(
    std::int16_t v, const Bytes &body, const std::string &singleGroupId = {});

struct DescribedMember
{
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    Bytes metadata;
    Bytes assignment;
};
struct DescribedGroup
{
    std::int16_t error = -1;
    std::string groupId;
    std::string state;
    std::string protocolType;
    std::string protocolData;
    std::vector<DescribedMember> members;
    std::int32_t authorizedOperations = 0;
};
broker::Writer describeGroupsRequest(std::int16_t v, const std::vector<std::string> &groups);
std::vector<DescribedGroup> parseDescribeGroups(std::int16_t v, const Bytes &body);

struct ListedGroup
{
    std::string groupId;
    std::string protocolType;
    std::string state; // v4+
};
broker::Writer listGroupsRequest(std::int16_t v, const std::vector<std::string> &statesFilter = {});
std::vector<ListedGroup> parseListGroups(std::int16_t v, const Bytes &body, std::int16_t *error);

struct CoordinatorReply
{
    std::string key;
    std::int16_t error = -1;
    std::int32_t nodeId = -1;
    std::string host;
    std::int32_t port = -1;
};
// v0-3 ask for the first key only.
broker::Writer findCoordinatorRequest(
    std::int16_t v, const std::vector<std::string> &keys, std::int8_t keyType = 0);
std::vector<CoordinatorReply> parseFindCoordinator(std::int16_t v, const Bytes &body);

broker::Writer metadataRequest(std::int16_t v, const std::vector<std::string> &topics);
broker::Writer createPartitionsRequest(
    std::int16_t v, const std::string &topic, std::int32_t count);
// v0-3: one topic by name; the answer is its error.
broker::Writer deleteTopicsRequest(std::int16_t v, const std::string &topic);
std::int16_t parseDeleteTopics(std::int16_t v, const Bytes &body);

} // namespace chippy::test
