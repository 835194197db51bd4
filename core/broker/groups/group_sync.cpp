#include "group_coordinator.h"

#include "broker_log.h"

namespace chippy::broker {

namespace {

SyncGroupResult syncError(ErrorCode error)
{
    return {error, {}, {}, {}};
}

} // namespace

void GroupCoordinator::syncGroup(SyncGroupRequest request, SyncCallback done)
{
    if (request.groupId.empty()) {
        done(syncError(ErrorCode::InvalidGroupId));
        return;
    }
    Group *group = findGroup(request.groupId);
    if (!group) {
        done(syncError(ErrorCode::UnknownMemberId));
        return;
    }
    GroupMember *member = group->member(request.memberId);
    if (group->isFencedStaticMember(request.memberId, request.groupInstanceId)) {
        done(syncError(ErrorCode::FencedInstanceId));
    } else if (!member) {
        done(syncError(ErrorCode::UnknownMemberId));
    } else if (request.generationId != group->generationId) {
        done(syncError(ErrorCode::IllegalGeneration));
    } else if ((request.protocolType && request.protocolType != group->protocolType)
        || (request.protocolName && request.protocolName != group->protocolName)) {
        done(syncError(ErrorCode::InconsistentGroupProtocol));
    } else if (group->is(GroupState::PreparingRebalance)) {
        done(syncError(ErrorCode::RebalanceInProgress));
    } else if (group->is(GroupState::Stable)) {
        group->pendingSync.erase(request.memberId);
        keepAlive(*member);
        done({ErrorCode::None, group->protocolType, group->protocolName, member->assignment});
    } else if (group->is(GroupState::CompletingRebalance)) {
        if (member->awaitingSync) {
            std::exchange(member->awaitingSync, {})(syncError(ErrorCode::RebalanceInProgress));
        }
        member->awaitingSync = std::move(done);
        group->pendingSync.erase(request.memberId);
        keepAlive(*member);
        if (group->isLeader(request.memberId)) {
            std::map<std::string, Bytes> assignments;
            for (auto &[id, bytes] : request.assignments) {
                assignments[id] = std::move(bytes);
            }
            group->state = GroupState::Stable;
            brokerLog().info("group {} generation {} is stable", group->id, group->generationId);
            std::vector<std::pair<SyncCallback, SyncGroupResult>> answers;
            for (auto &[id, m] : group->members) {
                const auto it = assignments.find(id);
                m.assignment = it == assignments.end() ? Bytes {} : std::move(it->second);
                if (m.awaitingSync) {
                    answers.emplace_back(std::exchange(m.awaitingSync, {}),
                        SyncGroupResult {ErrorCode::None, group->protocolType, group->protocolName,
                            m.assignment});
                }
            }
            for (auto &[callback, result] : answers) {
                callback(result);
            }
        }
    } else {
        done(syncError(ErrorCode::UnknownMemberId));
    }
    settle(*group);
}

} // namespace chippy::broker
