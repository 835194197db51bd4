#pragma once

#include "protocol/error_code.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace chippy::broker {

using Bytes = std::vector<std::uint8_t>;

// What the group APIs hand to the coordinator and get back, independent of wire versions.

struct GroupProtocol
{
    std::string name;
    Bytes metadata;
};

struct JoinGroupRequest
{
    std::string groupId;
    std::int32_t sessionTimeoutMs = 0;
    std::int32_t rebalanceTimeoutMs = 0;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::string protocolType;
    std::vector<GroupProtocol> protocols;
    std::string clientId;
    std::string clientHost;
    // v4+: a new dynamic member first gets MEMBER_ID_REQUIRED and its id, then joins with it.
    bool requireKnownMemberId = false;
    // v9+: a static leader rejoining a stable group is told to skip the assignment.
    bool supportsSkipAssignment = false;
};

struct JoinedMember
{
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    Bytes metadata;
};

struct JoinGroupResult
{
    ErrorCode error = ErrorCode::None;
    std::int32_t generationId = -1;
    std::optional<std::string> protocolType;
    std::optional<std::string> protocolName;
    std::string leaderId;
    std::string memberId;
    bool skipAssignment = false;
    std::vector<JoinedMember> members; // only for the leader
};

struct SyncGroupRequest
{
    std::string groupId;
    std::int32_t generationId = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::optional<std::string> protocolType; // v5+
    std::optional<std::string> protocolName; // v5+
    std::vector<std::pair<std::string, Bytes>> assignments;
};

struct SyncGroupResult
{
    ErrorCode error = ErrorCode::None;
    std::optional<std::string> protocolType;
    std::optional<std::string> protocolName;
    Bytes assignment;
};

struct HeartbeatRequest
{
    std::string groupId;
    std::int32_t generationId = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
};

struct LeavingMember
{
    std::string memberId;
    std::optional<std::string> groupInstanceId;
};

struct LeaveGroupResult
{
    ErrorCode error = ErrorCode::None;
    std::vector<ErrorCode> memberErrors; // one per leaving member, in request order
};

struct OffsetCommitRequest
{
    struct Partition
    {
        std::string topic;
        std::int32_t partition = 0;
        std::int64_t offset = 0;
        std::int32_t leaderEpoch = -1;
        std::optional<std::string> metadata;
    };

    std::string groupId;
    std::int32_t generationId = -1;
    std::string memberId;
    std::optional<std::string> groupInstanceId;
    std::vector<Partition> partitions;
};

struct FetchedOffset
{
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = -1;
    std::int32_t leaderEpoch = -1;
    std::optional<std::string> metadata;
    ErrorCode error = ErrorCode::None;
};

struct OffsetDeleteResult
{
    ErrorCode error = ErrorCode::None; // for the whole group
    std::vector<ErrorCode> partitionErrors; // one per partition, in request order
};

using JoinCallback = std::function<void(const JoinGroupResult &)>;
using SyncCallback = std::function<void(const SyncGroupResult &)>;

} // namespace chippy::broker
