#pragma once

#include "group_requests.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chippy::broker {

using GroupClock = std::chrono::steady_clock;

enum class GroupState { Empty, PreparingRebalance, CompletingRebalance, Stable, Dead };

// The names Kafka uses on the wire (DescribeGroups, ListGroups).
const char *groupStateName(GroupState state);
// Case-insensitive, as the ListGroups states filter is.
std::optional<GroupState> parseGroupState(std::string_view name);

struct GroupMember
{
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string clientId;
    std::string clientHost;
    std::int32_t sessionTimeoutMs = 0;
    std::int32_t rebalanceTimeoutMs = 0;
    std::vector<GroupProtocol> protocols;
    Bytes assignment;
    GroupClock::time_point sessionDeadline;
    JoinCallback awaitingJoin;
    SyncCallback awaitingSync;

    bool isAwaitingJoin() const { return static_cast<bool>(awaitingJoin); }
    bool isAwaitingSync() const { return static_cast<bool>(awaitingSync); }
    const Bytes *metadataFor(const std::string &protocol) const;
    bool sameProtocols(const std::vector<GroupProtocol> &other) const;
};

struct CommittedOffset
{
    std::int64_t offset = -1;
    std::int32_t leaderEpoch = -1;
    std::string metadata; // a null commit metadata is kept as empty, as Kafka does
    std::int64_t commitTimestampMs = 0;
};

using TopicPartitionKey = std::pair<std::string, std::int32_t>;

// One consumer group: its membership, the rebalance in progress and its committed offsets.
// Plain data with queries; the coordinator drives the transitions.
class Group
{
public:
    explicit Group(std::string id)
        : id(std::move(id))
    { }

    std::string id;
    GroupState state = GroupState::Empty;
    std::int32_t generationId = 0;
    std::optional<std::string> protocolType;
    std::optional<std::string> protocolName;
    std::optional<std::string> leaderId;
    std::map<std::string, GroupMember> members;
    // Members told MEMBER_ID_REQUIRED, with the time by which they must join with that id.
    std::map<std::string, GroupClock::time_point> pendingMembers;
    std::map<std::string, std::string> staticMembers; // group instance id -> member id
    std::set<std::string> subscribedTopics; // of the current generation (consumer protocol)

    // The join window while PreparingRebalance.
    std::optional<GroupClock::time_point> joinDeadline;
    bool initialDelayActive = false;
    bool newMemberJoinedDuringDelay = false;
    std::int32_t initialDelayRemainingMs = 0;

    // Members of the new generation that have not sent SyncGroup yet.
    std::set<std::string> pendingSync;
    GroupClock::time_point pendingSyncDeadline;

    std::map<TopicPartitionKey, CommittedOffset> offsets;

    // The earliest wake-up already requested from the event loop.
    std::optional<GroupClock::time_point> armedWakeup;

    bool is(GroupState s) const { return state == s; }
    GroupMember *member(const std::string &memberId);
    bool isLeader(const std::string &memberId) const { return leaderId && *leaderId == memberId; }
    // A static member presenting a member id other than the one its instance id holds.
    bool isFencedStaticMember(
        const std::string &memberId, const std::optional<std::string> &groupInstanceId) const;

    bool allMembersJoined() const;
    bool supportsProtocols(
        const std::string &memberProtocolType, const std::vector<GroupProtocol> &protocols) const;
    // The protocol all members support that most members prefer; nullopt without members.
    std::optional<std::string> selectProtocol() const;
    std::int32_t rebalanceTimeoutMs() const;
    std::vector<JoinedMember> joinedMembers() const;
    std::set<std::string> decodeSubscribedTopics() const;
    bool canBeForgotten() const;

    // The next instant at which something of this group times out, if any.
    std::optional<GroupClock::time_point> nextDeadline() const;
};

} // namespace chippy::broker
