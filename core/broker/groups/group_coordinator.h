#pragma once

#include "broker_config.h"
#include "group.h"
#include "group_requests.h"
#include "offset_log.h"

#include <asio/io_context.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chippy::broker {

// The consumer-group coordinator. This single broker coordinates every group: it runs the
// join/sync rebalance protocol, expires members that stop heartbeating, and keeps committed
// offsets (on disk when the broker is persistent). Lives on the broker thread.
class GroupCoordinator
{
public:
    using Groups = std::map<std::string, std::unique_ptr<Group>, std::less<>>;
    using TopicPartitions = std::vector<std::pair<std::string, std::vector<std::int32_t>>>;

    GroupCoordinator(asio::io_context &io, const BrokerConfig &config);
    ~GroupCoordinator();
    GroupCoordinator(const GroupCoordinator &) = delete;
    GroupCoordinator &operator=(const GroupCoordinator &) = delete;

    // done is called exactly once: at once for errors, otherwise when the join window closes.
    void joinGroup(JoinGroupRequest request, JoinCallback done);
    // done is called exactly once: a follower waits for the leader's assignments.
    void syncGroup(SyncGroupRequest request, SyncCallback done);
    ErrorCode heartbeat(const HeartbeatRequest &request);
    LeaveGroupResult leaveGroup(
        const std::string &groupId, const std::vector<LeavingMember> &members);

    // One error per partition, in request order. The caller answers unknown topics itself.
    std::vector<ErrorCode> commitOffsets(const OffsetCommitRequest &request);
    // Every committed offset of the group when topics is nullopt.
    std::vector<FetchedOffset> fetchOffsets(
        const std::string &groupId, const std::optional<TopicPartitions> &topics) const;

    // Groups subscribed to the topic rebalance so that their leader assigns the new partitions.
    void onPartitionsAdded(const std::string &topic);
    // Forgets every offset committed for the topic, so that a topic created again under the
    // same name is read from its start, not from the old positions; groups subscribed to it
    // rebalance, so that no assignment keeps naming it.
    void onTopicDeleted(const std::string &topic);

    // Forgets an empty group and its committed offsets (DeleteGroups).
    ErrorCode deleteGroup(const std::string &groupId);
    // Forgets the group's committed offsets of these partitions, unless it is subscribed to
    // their topic (OffsetDelete).
    OffsetDeleteResult deleteOffsets(
        const std::string &groupId, const std::vector<TopicPartitionKey> &partitions);

    const Group *find(std::string_view groupId) const;
    const Groups &groups() const { return m_groups; }

private:
    static constexpr std::size_t kMaxCommitMetadataBytes = 4096;
    static constexpr std::size_t kCompactionMinRecords = 10000;
    static constexpr std::size_t kCompactionRatio = 4;

    Group *findGroup(std::string_view groupId);
    Group &createGroup(const std::string &groupId);
    std::string newMemberId(const std::string &prefix);

    // Joining (group_join.cpp).
    void joinAsNewMember(Group &group, JoinGroupRequest &request, JoinCallback &done);
    void joinAsKnownMember(Group &group, JoinGroupRequest &request, JoinCallback &done);
    void rejoinStaticMember(
        Group &group, JoinGroupRequest &request, const std::string &memberId, JoinCallback &done);
    void addMemberAndRebalance(
        Group &group, JoinGroupRequest &request, const std::string &memberId, JoinCallback &done);
    void updateMember(GroupMember &member, JoinGroupRequest &request, JoinCallback &done);
    void updateMemberAndRebalance(
        Group &group, GroupMember &member, JoinGroupRequest &request, JoinCallback &done);
    JoinGroupResult currentGeneration(const Group &group, const std::string &memberId) const;
    void maybePrepareRebalance(Group &group, const std::string &reason);
    // Settled groups subscribed to the topic rebalance, so that their leader assigns anew.
    void rebalanceSubscribersOf(const std::string &topic, const std::string &reason);
    void prepareRebalance(Group &group, const std::string &reason);
    void tryCompleteJoin(Group &group);
    void completeJoin(Group &group);
    void onJoinWindowClosed(Group &group);

    // Membership (group_coordinator.cpp).
    void removeMember(Group &group, const std::string &memberId, const std::string &reason);
    void keepAlive(GroupMember &member);
    void expireTimedOut(Group &group);

    // Offsets (group_offsets.cpp).
    ErrorCode validateCommit(Group &group, const OffsetCommitRequest &request);
    void recoverOffsets();
    void compactOffsetLogIfLarge();

    // Deletion (group_deletion.cpp). False when the removals could not be written: nothing
    // may then be forgotten.
    bool logRemovedOffsets(const Group &group, const std::vector<TopicPartitionKey> &removed);

    // Every operation ends here: forgets a group that holds nothing, or arranges its next
    // wake-up. The group must not be used afterwards.
    void settle(Group &group);
    void armWakeup(Group &group);
    void onWakeup(const std::string &groupId);

    asio::io_context &m_io;
    const BrokerConfig &m_config;
    Groups m_groups;
    std::unique_ptr<OffsetLog> m_offsetLog;
    std::mt19937_64 m_random;
};

} // namespace chippy::broker
