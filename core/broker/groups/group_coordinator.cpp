#include "group_coordinator.h"

#include "broker_log.h"

#include <asio/steady_timer.hpp>

#include <cstdio>

namespace chippy::broker {

namespace {

constexpr const char *kOffsetLogFileName = "__consumer_offsets.log";

} // namespace

GroupCoordinator::GroupCoordinator(asio::io_context &io, const BrokerConfig &config)
    : m_io(io)
    , m_config(config)
    , m_random(std::random_device {}())
{
    if (m_config.persistent()) {
        m_offsetLog = std::make_unique<OffsetLog>(m_config.dataDir / kOffsetLogFileName);
        recoverOffsets();
    }
}

GroupCoordinator::~GroupCoordinator() = default;

const Group *GroupCoordinator::find(std::string_view groupId) const
{
    const auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : it->second.get();
}

Group *GroupCoordinator::findGroup(std::string_view groupId)
{
    const auto it = m_groups.find(groupId);
    return it == m_groups.end() ? nullptr : it->second.get();
}

Group &GroupCoordinator::createGroup(const std::string &groupId)
{
    auto &slot = m_groups[groupId];
    if (!slot) {
        slot = std::make_unique<Group>(groupId);
    }
    return *slot;
}

// Kafka's form: the client id (or group instance id), a dash and a random UUID.
std::string GroupCoordinator::newMemberId(const std::string &prefix)
{
    const std::uint64_t high = m_random();
    const std::uint64_t low = m_random();
    char uuid[37];
    std::snprintf(uuid, sizeof uuid, "%08x-%04x-%04x-%04x-%012llx",
        static_cast<unsigned>(high >> 32), static_cast<unsigned>((high >> 16) & 0xffff),
        static_cast<unsigned>((high & 0x0fff) | 0x4000),
        static_cast<unsigned>(((low >> 48) & 0x3fff) | 0x8000),
        static_cast<unsigned long long>(low & 0xffffffffffffULL));
    return prefix + "-" + uuid;
}

ErrorCode GroupCoordinator::heartbeat(const HeartbeatRequest &request)
{
    if (request.groupId.empty()) {
        return ErrorCode::InvalidGroupId;
    }
    Group *group = findGroup(request.groupId);
    if (!group) {
        return ErrorCode::UnknownMemberId;
    }
    ErrorCode error = ErrorCode::None;
    GroupMember *member = group->member(request.memberId);
    if (group->isFencedStaticMember(request.memberId, request.groupInstanceId)) {
        error = ErrorCode::FencedInstanceId;
    } else if (!member) {
        error = ErrorCode::UnknownMemberId;
    } else if (request.generationId != group->generationId) {
        error = ErrorCode::IllegalGeneration;
    } else {
        keepAlive(*member);
        if (group->is(GroupState::PreparingRebalance)) {
            error = ErrorCode::RebalanceInProgress;
        }
    }
    settle(*group);
    return error;
}

LeaveGroupResult GroupCoordinator::leaveGroup(
    const std::string &groupId, const std::vector<LeavingMember> &members)
{
    LeaveGroupResult result;
    if (groupId.empty()) {
        result.error = ErrorCode::InvalidGroupId;
        return result;
    }
    Group *group = findGroup(groupId);
    if (!group) {
        result.memberErrors.assign(members.size(), ErrorCode::UnknownMemberId);
        return result;
    }
    for (const auto &leaving : members) {
        std::string memberId = leaving.memberId;
        ErrorCode error = ErrorCode::None;
        if (leaving.groupInstanceId) {
            const auto it = group->staticMembers.find(*leaving.groupInstanceId);
            if (it == group->staticMembers.end()) {
                error = ErrorCode::UnknownMemberId;
            } else if (!memberId.empty() && it->second != memberId) {
                error = ErrorCode::FencedInstanceId;
            } else {
                memberId = it->second;
            }
        }
        if (error == ErrorCode::None) {
            if (group->pendingMembers.erase(memberId) > 0) {
                if (group->is(GroupState::PreparingRebalance)) {
                    tryCompleteJoin(*group);
                }
            } else if (group->member(memberId)) {
                removeMember(*group, memberId, "member " + memberId + " left");
            } else {
                error = ErrorCode::UnknownMemberId;
            }
        }
        result.memberErrors.push_back(error);
    }
    settle(*group);
    return result;
}

void GroupCoordinator::removeMember(
    Group &group, const std::string &memberId, const std::string &reason)
{
    const auto it = group.members.find(memberId);
    if (it == group.members.end()) {
        return;
    }
    GroupMember member = std::move(it->second);
    group.members.erase(it);
    if (member.groupInstanceId) {
        const auto s = group.staticMembers.find(*member.groupInstanceId);
        if (s != group.staticMembers.end() && s->second == memberId) {
            group.staticMembers.erase(s);
        }
    }
    group.pendingSync.erase(memberId);
    if (group.isLeader(memberId)) {
        group.leaderId.reset();
        if (!group.members.empty()) {
            group.leaderId = group.members.begin()->first;
        }
    }
    if (member.awaitingJoin) {
        JoinGroupResult gone;
        gone.error = ErrorCode::UnknownMemberId;
        gone.memberId = memberId;
        member.awaitingJoin(gone);
    }
    if (member.awaitingSync) {
        member.awaitingSync({ErrorCode::UnknownMemberId, {}, {}, {}});
    }
    switch (group.state) {
    case GroupState::Stable:
    case GroupState::CompletingRebalance:
        prepareRebalance(group, reason);
        break;
    case GroupState::PreparingRebalance:
        brokerLog().info("group {}: {}", group.id, reason);
        tryCompleteJoin(group);
        break;
    case GroupState::Empty:
    case GroupState::Dead:
        break;
    }
}

void GroupCoordinator::keepAlive(GroupMember &member)
{
    member.sessionDeadline = GroupClock::now() + std::chrono::milliseconds(member.sessionTimeoutMs);
}

void GroupCoordinator::expireTimedOut(Group &group)
{
    const auto now = GroupClock::now();
    if (group.is(GroupState::PreparingRebalance) && group.joinDeadline
        && now >= *group.joinDeadline) {
        onJoinWindowClosed(group);
    }
    std::vector<std::string> expired;
    for (const auto &[id, deadline] : group.pendingMembers) {
        if (now >= deadline) {
            expired.push_back(id);
        }
    }
    for (const auto &id : expired) {
        group.pendingMembers.erase(id);
        brokerLog().info("group {}: member {} never joined with its new id", group.id, id);
    }
    if (!expired.empty() && group.is(GroupState::PreparingRebalance)) {
        tryCompleteJoin(group);
    }
    expired.clear();
    for (const auto &[id, m] : group.members) {
        if (!m.isAwaitingJoin() && !m.isAwaitingSync() && now >= m.sessionDeadline) {
            expired.push_back(id);
        }
    }
    for (const auto &id : expired) {
        removeMember(group, id, "member " + id + " sent no heartbeat within its session timeout");
    }
    if (!group.pendingSync.empty() && now >= group.pendingSyncDeadline
        && (group.is(GroupState::CompletingRebalance) || group.is(GroupState::Stable))) {
        const auto unsynced = group.pendingSync;
        for (const auto &id : unsynced) {
            removeMember(group, id, "member " + id + " did not sync within the rebalance timeout");
        }
    }
}

void GroupCoordinator::onPartitionsAdded(const std::string &topic)
{
    rebalanceSubscribersOf(topic, "partitions were added to subscribed topic " + topic);
}

void GroupCoordinator::rebalanceSubscribersOf(const std::string &topic, const std::string &reason)
{
    std::vector<Group *> affected;
    for (auto &[id, group] : m_groups) {
        const bool settled
            = group->is(GroupState::Stable) || group->is(GroupState::CompletingRebalance);
        if (settled && group->subscribedTopics.contains(topic)) {
            affected.push_back(group.get());
        }
    }
    for (Group *group : affected) {
        prepareRebalance(*group, reason);
        settle(*group);
    }
}

void GroupCoordinator::settle(Group &group)
{
    if (group.canBeForgotten()) {
        const std::string id = group.id;
        m_groups.erase(id);
        return;
    }
    armWakeup(group);
}

// One timer per requested instant. A wake-up that finds nothing due is harmless, so earlier
// timers are never cancelled; only a deadline earlier than the armed one needs a new timer.
void GroupCoordinator::armWakeup(Group &group)
{
    const auto next = group.nextDeadline();
    if (!next || (group.armedWakeup && *group.armedWakeup <= *next)) {
        return;
    }
    group.armedWakeup = *next;
    auto timer = std::make_shared<asio::steady_timer>(m_io, *next);
    timer->async_wait([this, timer, id = group.id, at = *next](asio::error_code ec) {
        if (ec) {
            return;
        }
        if (Group *g = findGroup(id); g && g->armedWakeup == at) {
            g->armedWakeup.reset();
        }
        onWakeup(id);
    });
}

void GroupCoordinator::onWakeup(const std::string &groupId)
{
    if (Group *group = findGroup(groupId)) {
        expireTimedOut(*group);
        settle(*group);
    }
}

} // namespace chippy::broker
