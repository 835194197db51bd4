#include "group_coordinator.h"

#include "broker_log.h"

#include <algorithm>

namespace chippy::broker {

namespace {

JoinGroupResult joinError(const std::string &memberId, ErrorCode error)
{
    JoinGroupResult r;
    r.error = error;
    r.memberId = memberId;
    return r;
}

} // namespace

void GroupCoordinator::joinGroup(JoinGroupRequest request, JoinCallback done)
{
    if (request.groupId.empty()) {
        done(joinError(request.memberId, ErrorCode::InvalidGroupId));
        return;
    }
    if (request.sessionTimeoutMs < m_config.groupMinSessionTimeoutMs
        || request.sessionTimeoutMs > m_config.groupMaxSessionTimeoutMs) {
        done(joinError(request.memberId, ErrorCode::InvalidSessionTimeout));
        return;
    }
    const bool newMember = request.memberId.empty();
    Group *group = findGroup(request.groupId);
    if (!group) {
        if (!newMember) {
            done(joinError(request.memberId, ErrorCode::UnknownMemberId));
            return;
        }
        group = &createGroup(request.groupId);
    }
    if (newMember) {
        joinAsNewMember(*group, request, done);
    } else {
        joinAsKnownMember(*group, request, done);
    }
    if (group->is(GroupState::PreparingRebalance)) {
        tryCompleteJoin(*group);
    }
    settle(*group);
}

void GroupCoordinator::joinAsNewMember(Group &group, JoinGroupRequest &request, JoinCallback &done)
{
    if (!group.supportsProtocols(request.protocolType, request.protocols)) {
        done(joinError({}, ErrorCode::InconsistentGroupProtocol));
        return;
    }
    const auto &instance = request.groupInstanceId;
    const std::string memberId = newMemberId(instance ? *instance : request.clientId);
    if (instance && group.staticMembers.contains(*instance)) {
        rejoinStaticMember(group, request, memberId, done);
    } else if (!instance && request.requireKnownMemberId) {
        group.pendingMembers[memberId]
            = GroupClock::now() + std::chrono::milliseconds(request.sessionTimeoutMs);
        done(joinError(memberId, ErrorCode::MemberIdRequired));
    } else {
        addMemberAndRebalance(group, request, memberId, done);
    }
}

void GroupCoordinator::joinAsKnownMember(
    Group &group, JoinGroupRequest &request, JoinCallback &done)
{
    const std::string &memberId = request.memberId;
    if (!group.supportsProtocols(request.protocolType, request.protocols)) {
        done(joinError(memberId, ErrorCode::InconsistentGroupProtocol));
        return;
    }
    if (group.isFencedStaticMember(memberId, request.groupInstanceId)) {
        done(joinError(memberId, ErrorCode::FencedInstanceId));
        return;
    }
    if (group.pendingMembers.contains(memberId)) {
        addMemberAndRebalance(group, request, memberId, done);
        return;
    }
    GroupMember *member = group.member(memberId);
    const bool unknownInstance
        = request.groupInstanceId && !group.staticMembers.contains(*request.groupInstanceId);
    if (!member || unknownInstance) {
        done(joinError(memberId, ErrorCode::UnknownMemberId));
        return;
    }
    switch (group.state) {
    case GroupState::PreparingRebalance:
        updateMemberAndRebalance(group, *member, request, done);
        break;
    case GroupState::CompletingRebalance:
        // The same metadata again: the member missed its JoinGroup answer, so repeat it.
        if (member->sameProtocols(request.protocols)) {
            done(currentGeneration(group, memberId));
        } else {
            updateMemberAndRebalance(group, *member, request, done);
        }
        break;
    case GroupState::Stable:
        // A leader rejoining asks for a new assignment, e.g. after the topics changed.
        if (group.isLeader(memberId) || !member->sameProtocols(request.protocols)) {
            updateMemberAndRebalance(group, *member, request, done);
        } else {
            done(currentGeneration(group, memberId));
        }
        break;
    case GroupState::Empty:
    case GroupState::Dead:
        done(joinError(memberId, ErrorCode::UnknownMemberId));
        break;
    }
}

// A static member restarted: its new member id takes over the old one's place and
// assignment; the old id is fenced. A stable group is not rebalanced for it (KIP-345).
void GroupCoordinator::rejoinStaticMember(
    Group &group, JoinGroupRequest &request, const std::string &memberId, JoinCallback &done)
{
    const std::string &instance = *request.groupInstanceId;
    const std::string oldId = group.staticMembers.at(instance);
    auto node = group.members.extract(oldId);
    GroupMember &old = node.mapped();
    if (old.awaitingJoin) {
        std::exchange(old.awaitingJoin, {})(joinError(oldId, ErrorCode::FencedInstanceId));
    }
    if (old.awaitingSync) {
        std::exchange(old.awaitingSync, {})({ErrorCode::FencedInstanceId, {}, {}, {}});
    }
    const std::string previousLeader = group.leaderId.value_or("");
    if (group.isLeader(oldId)) {
        group.leaderId = memberId;
    }
    if (group.pendingSync.erase(oldId) > 0) {
        group.pendingSync.insert(memberId);
    }
    node.key() = memberId;
    node.mapped().memberId = memberId;
    GroupMember &member = group.members.insert(std::move(node)).position->second;
    group.staticMembers[instance] = memberId;
    brokerLog().info(
        "group {}: static member {} rejoined as {} (was {})", group.id, instance, memberId, oldId);
    updateMember(member, request, done);
    keepAlive(member);

    switch (group.state) {
    case GroupState::Stable:
        if (group.selectProtocol() != group.protocolName) {
            prepareRebalance(group, "static member " + instance + " changed its protocols");
        } else {
            JoinGroupResult r = currentGeneration(group, memberId);
            if (request.supportsSkipAssignment && group.isLeader(memberId)) {
                r.skipAssignment = true;
            } else {
                // Older clients must not see themselves as leader, or they would assign
                // again while the stable group would not pass the assignment on.
                r.leaderId = previousLeader;
                r.members.clear();
            }
            std::exchange(member.awaitingJoin, {})(r);
        }
        break;
    case GroupState::CompletingRebalance:
        prepareRebalance(group, "static member " + instance + " rejoined during a rebalance");
        break;
    case GroupState::PreparingRebalance:
    case GroupState::Empty:
    case GroupState::Dead:
        break;
    }
}

void GroupCoordinator::addMemberAndRebalance(
    Group &group, JoinGroupRequest &request, const std::string &memberId, JoinCallback &done)
{
    if (group.members.empty()) {
        group.protocolType = request.protocolType;
    }
    group.pendingMembers.erase(memberId);
    GroupMember member;
    member.memberId = memberId;
    member.groupInstanceId = request.groupInstanceId;
    if (request.groupInstanceId) {
        group.staticMembers[*request.groupInstanceId] = memberId;
    }
    if (!group.leaderId) {
        group.leaderId = memberId;
    }
    GroupMember &added = group.members.emplace(memberId, std::move(member)).first->second;
    updateMember(added, request, done);
    keepAlive(added);
    group.newMemberJoinedDuringDelay = true;
    maybePrepareRebalance(group, "member " + memberId + " joined");
}

void GroupCoordinator::updateMember(
    GroupMember &member, JoinGroupRequest &request, JoinCallback &done)
{
    if (member.awaitingJoin) {
        // Superseded by this request; its connection still needs an answer.
        std::exchange(member.awaitingJoin, {})(
            joinError(member.memberId, ErrorCode::RebalanceInProgress));
    }
    member.protocols = std::move(request.protocols);
    member.sessionTimeoutMs = request.sessionTimeoutMs;
    member.rebalanceTimeoutMs = request.rebalanceTimeoutMs;
    member.clientId = request.clientId;
    member.clientHost = request.clientHost;
    member.awaitingJoin = std::move(done);
}

void GroupCoordinator::updateMemberAndRebalance(
    Group &group, GroupMember &member, JoinGroupRequest &request, JoinCallback &done)
{
    const std::string reason = group.isLeader(member.memberId)
        ? "leader " + member.memberId + " rejoined"
        : "member " + member.memberId + " rejoined with new metadata";
    updateMember(member, request, done);
    maybePrepareRebalance(group, reason);
}

JoinGroupResult GroupCoordinator::currentGeneration(
    const Group &group, const std::string &memberId) const
{
    JoinGroupResult r;
    r.generationId = group.generationId;
    r.protocolType = group.protocolType;
    r.protocolName = group.protocolName;
    r.leaderId = group.leaderId.value_or("");
    r.memberId = memberId;
    if (group.isLeader(memberId)) {
        r.members = group.joinedMembers();
    }
    return r;
}

void GroupCoordinator::maybePrepareRebalance(Group &group, const std::string &reason)
{
    if (group.is(GroupState::Stable) || group.is(GroupState::CompletingRebalance)
        || group.is(GroupState::Empty)) {
        prepareRebalance(group, reason);
    }
}

void GroupCoordinator::prepareRebalance(Group &group, const std::string &reason)
{
    if (group.is(GroupState::CompletingRebalance)) {
        // The leader's assignment for this generation will never come: send the members
        // waiting for it back to rejoin.
        for (auto &[id, member] : group.members) {
            member.assignment.clear();
            if (member.awaitingSync) {
                std::exchange(member.awaitingSync, {})(
                    {ErrorCode::RebalanceInProgress, {}, {}, {}});
            }
        }
    }
    group.pendingSync.clear();
    const bool wasEmpty = group.is(GroupState::Empty);
    group.state = GroupState::PreparingRebalance;
    const std::int32_t rebalanceMs = group.rebalanceTimeoutMs();
    const std::int32_t initialDelayMs = m_config.groupInitialRebalanceDelayMs;
    const auto now = GroupClock::now();
    if (wasEmpty && initialDelayMs > 0) {
        // A new group waits a little for more members, so it does not rebalance per member.
        const std::int32_t delay = std::min(initialDelayMs, rebalanceMs);
        group.initialDelayActive = true;
        group.newMemberJoinedDuringDelay = false;
        group.initialDelayRemainingMs = std::max(rebalanceMs - initialDelayMs, 0);
        group.joinDeadline = now + std::chrono::milliseconds(delay);
    } else {
        group.initialDelayActive = false;
        group.joinDeadline = now + std::chrono::milliseconds(rebalanceMs);
    }
    brokerLog().info(
        "group {} is rebalancing after generation {}: {}", group.id, group.generationId, reason);
}

void GroupCoordinator::tryCompleteJoin(Group &group)
{
    if (group.is(GroupState::PreparingRebalance) && !group.initialDelayActive
        && group.allMembersJoined()) {
        completeJoin(group);
    }
}

void GroupCoordinator::onJoinWindowClosed(Group &group)
{
    if (group.initialDelayActive && group.newMemberJoinedDuringDelay
        && group.initialDelayRemainingMs > 0) {
        const std::int32_t delay
            = std::min(m_config.groupInitialRebalanceDelayMs, group.initialDelayRemainingMs);
        group.initialDelayRemainingMs -= delay;
        group.newMemberJoinedDuringDelay = false;
        group.joinDeadline = GroupClock::now() + std::chrono::milliseconds(delay);
        return;
    }
    completeJoin(group);
}

void GroupCoordinator::completeJoin(Group &group)
{
    std::vector<std::string> missing;
    for (const auto &[id, member] : group.members) {
        if (!member.isAwaitingJoin()) {
            missing.push_back(id);
        }
    }
    for (const auto &id : missing) {
        brokerLog().info("group {}: member {} did not rejoin in time", group.id, id);
        GroupMember &member = group.members.at(id);
        if (member.groupInstanceId) {
            group.staticMembers.erase(*member.groupInstanceId);
        }
        group.members.erase(id);
    }
    if (!group.leaderId || !group.members.contains(*group.leaderId)) {
        group.leaderId.reset();
        if (!group.members.empty()) {
            group.leaderId = group.members.begin()->first;
        }
    }
    group.joinDeadline.reset();
    group.initialDelayActive = false;
    group.generationId++;
    if (group.members.empty()) {
        group.state = GroupState::Empty;
        group.protocolName.reset();
        group.subscribedTopics.clear();
        brokerLog().info("group {} is empty at generation {}", group.id, group.generationId);
        return;
    }
    group.state = GroupState::CompletingRebalance;
    group.protocolName = group.selectProtocol();
    group.subscribedTopics = group.decodeSubscribedTopics();
    group.pendingSync.clear();
    for (const auto &[id, member] : group.members) {
        group.pendingSync.insert(id);
    }
    group.pendingSyncDeadline
        = GroupClock::now() + std::chrono::milliseconds(group.rebalanceTimeoutMs());
    brokerLog().info("group {} generation {}: {} members, protocol {}, leader {}", group.id,
        group.generationId, group.members.size(), group.protocolName.value_or("none"),
        group.leaderId.value_or(""));

    std::vector<std::pair<JoinCallback, JoinGroupResult>> answers;
    for (auto &[id, member] : group.members) {
        keepAlive(member);
        answers.emplace_back(std::exchange(member.awaitingJoin, {}), currentGeneration(group, id));
    }
    for (auto &[callback, result] : answers) {
        callback(result);
    }
}

} // namespace chippy::broker
