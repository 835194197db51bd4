#include "group_coordinator.h"

#include "broker_log.h"

#include <set>

namespace chippy::broker {

namespace {

constexpr const char *kConsumerProtocolType = "consumer";

} // namespace

ErrorCode GroupCoordinator::deleteGroup(const std::string &groupId)
{
    Group *group = findGroup(groupId);
    if (!group || group->is(GroupState::Dead)) {
        return ErrorCode::GroupIdNotFound;
    }
    if (!group->is(GroupState::Empty) || !group->members.empty()) {
        return ErrorCode::NonEmptyGroup;
    }
    std::vector<TopicPartitionKey> committed;
    for (const auto &[key, offset] : group->offsets) {
        committed.push_back(key);
    }
    if (!logRemovedOffsets(*group, committed)) {
        settle(*group);
        return ErrorCode::CoordinatorNotAvailable;
    }
    m_groups.erase(groupId);
    compactOffsetLogIfLarge();
    brokerLog().info("deleted group {} and its {} committed offsets", groupId, committed.size());
    return ErrorCode::None;
}

OffsetDeleteResult GroupCoordinator::deleteOffsets(
    const std::string &groupId, const std::vector<TopicPartitionKey> &partitions)
{
    OffsetDeleteResult result;
    if (groupId.empty()) {
        result.error = ErrorCode::InvalidGroupId;
        return result;
    }
    Group *group = findGroup(groupId);
    if (!group || group->is(GroupState::Dead)) {
        result.error = ErrorCode::GroupIdNotFound;
        return result;
    }
    // Only a consumer group says which topics its members read; other groups with members
    // keep all their offsets, as Kafka does.
    const bool empty = group->is(GroupState::Empty);
    if (!empty && group->protocolType != kConsumerProtocolType) {
        result.error = ErrorCode::NonEmptyGroup;
        return result;
    }
    std::set<TopicPartitionKey> removable;
    for (const auto &key : partitions) {
        if (!empty && group->subscribedTopics.contains(key.first)) {
            result.partitionErrors.push_back(ErrorCode::GroupSubscribedToTopic);
            continue;
        }
        result.partitionErrors.push_back(ErrorCode::None);
        if (group->offsets.contains(key)) {
            removable.insert(key);
        }
    }
    const std::vector<TopicPartitionKey> removed(removable.begin(), removable.end());
    if (!logRemovedOffsets(*group, removed)) {
        for (auto &error : result.partitionErrors) {
            if (error == ErrorCode::None) {
                error = ErrorCode::CoordinatorNotAvailable;
            }
        }
        settle(*group);
        return result;
    }
    for (const auto &key : removed) {
        group->offsets.erase(key);
    }
    compactOffsetLogIfLarge();
    settle(*group);
    return result;
}

bool GroupCoordinator::logRemovedOffsets(
    const Group &group, const std::vector<TopicPartitionKey> &removed)
{
    if (!m_offsetLog || removed.empty()) {
        return true;
    }
    std::vector<OffsetLog::Record> records;
    records.reserve(removed.size());
    for (const auto &[topic, partition] : removed) {
        OffsetLog::Record r;
        r.groupId = group.id;
        r.protocolType = group.protocolType.value_or("");
        r.topic = topic;
        r.partition = partition;
        r.removed = true;
        records.push_back(std::move(r));
    }
    return m_offsetLog->append(records);
}

} // namespace chippy::broker
