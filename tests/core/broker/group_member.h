#pragma once

#include "broker_config.h"
#include "group_wire.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace chippy::test {

// Kafka's error codes, as the group tests expect them.
constexpr std::int16_t kNone = 0;
constexpr std::int16_t kUnknownTopicOrPartition = 3;
constexpr std::int16_t kOffsetMetadataTooLarge = 12;
constexpr std::int16_t kIllegalGeneration = 22;
constexpr std::int16_t kInconsistentGroupProtocol = 23;
constexpr std::int16_t kInvalidGroupId = 24;
constexpr std::int16_t kUnknownMemberId = 25;
constexpr std::int16_t kInvalidSessionTimeout = 26;
constexpr std::int16_t kRebalanceInProgress = 27;
constexpr std::int16_t kInvalidRequest = 42;
constexpr std::int16_t kMemberIdRequired = 79;
constexpr std::int16_t kFencedInstanceId = 82;

constexpr int kTopicPartitions = 4;

// A broker for group tests: topics of kTopicPartitions partitions, short sessions allowed.
broker::BrokerConfig groupTestConfig();

// Creates the topic by asking for its metadata; false when the broker did not answer.
bool createTopic(quint16 port, const std::string &topic);

// One group member on its own connection, speaking the group APIs by hand.
class GroupMemberClient
{
public:
    GroupMemberClient(
        quint16 port, std::string groupId, std::optional<std::string> instanceId = {});

    JoinParams joinParams() const;
    // The first step of a dynamic member's join: the coordinator names it.
    bool fetchMemberId(std::int16_t v = 5);
    void sendJoin(std::int16_t v = 5);
    bool receiveJoin();
    void sendSync(const std::vector<std::pair<std::string, Bytes>> &assignments = {});
    SyncReply receiveSync();
    std::int16_t heartbeat(std::int16_t v = 3);
    bool isLeader() const { return joined.error == kNone && joined.leaderId == memberId; }

    PipelinedWireClient wire;
    std::string groupId;
    std::optional<std::string> instanceId;
    std::string memberId;
    std::int32_t generation = -1;
    std::int32_t sessionTimeoutMs = 10000;
    std::int32_t rebalanceTimeoutMs = 5000;
    std::vector<std::string> topics {"fish"};
    JoinReply joined;

private:
    std::int16_t m_joinVersion = 5;
};

using CommitErrors = std::map<std::pair<std::string, std::int32_t>, std::int16_t>;

CommitErrors commitOffsets(PipelinedWireClient &wire, const CommitParams &p, std::int16_t v = 7);
FetchedOffsets fetchAllOffsets(quint16 port, const std::string &groupId, std::int16_t v = 7);
std::vector<DescribedGroup> describeGroups(
    quint16 port, const std::vector<std::string> &groups, std::int16_t v = 5);
// One group; a DescribedGroup with error -1 when no answer came.
DescribedGroup describeGroup(quint16 port, const std::string &groupId, std::int16_t v = 5);

// -1 (or a FetchedPartition of -2s) when the answer does not name the partition.
std::int16_t errorAt(const CommitErrors &errors, const std::string &topic, std::int32_t partition);
FetchedPartition partitionAt(
    const FetchedOffsets &offsets, const std::string &topic, std::int32_t partition);

} // namespace chippy::test
