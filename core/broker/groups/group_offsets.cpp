#include "group_coordinator.h"

#include "broker_log.h"

#include <chrono>

namespace chippy::broker {

namespace {

std::int64_t wallClockMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

std::vector<ErrorCode> GroupCoordinator::commitOffsets(const OffsetCommitRequest &request)
{
    const auto failAll
        = [&](ErrorCode e) { return std::vector<ErrorCode>(request.partitions.size(), e); };
    Group *group = findGroup(request.groupId);
    if (!group) {
        // Only a consumer outside group management (generation -1) may create a group so.
        if (request.generationId >= 0) {
            return failAll(ErrorCode::IllegalGeneration);
        }
        group = &createGroup(request.groupId);
    }
    if (const ErrorCode e = validateCommit(*group, request); e != ErrorCode::None) {
        settle(*group);
        return failAll(e);
    }
    std::vector<ErrorCode> errors(request.partitions.size(), ErrorCode::None);
    std::vector<OffsetLog::Record> records;
    std::vector<std::size_t> recordIndex;
    const std::int64_t now = wallClockMs();
    for (std::size_t i = 0; i < request.partitions.size(); ++i) {
        const auto &p = request.partitions[i];
        const std::string metadata = p.metadata.value_or("");
        if (metadata.size() > kMaxCommitMetadataBytes) {
            errors[i] = ErrorCode::OffsetMetadataTooLarge;
            continue;
        }
        records.push_back({request.groupId, group->protocolType.value_or(""), p.topic, p.partition,
            {p.offset, p.leaderEpoch, metadata, now}});
        recordIndex.push_back(i);
    }
    if (m_offsetLog && !m_offsetLog->append(records)) {
        for (const std::size_t i : recordIndex) {
            errors[i] = ErrorCode::CoordinatorNotAvailable;
        }
        settle(*group);
        return errors;
    }
    for (auto &r : records) {
        group->offsets[{r.topic, r.partition}] = std::move(r.committed);
    }
    compactOffsetLogIfLarge();
    settle(*group);
    return errors;
}

ErrorCode GroupCoordinator::validateCommit(Group &group, const OffsetCommitRequest &request)
{
    // A consumer that assigns its partitions itself commits with generation -1.
    if (request.generationId < 0 && group.is(GroupState::Empty)) {
        return ErrorCode::None;
    }
    if (group.isFencedStaticMember(request.memberId, request.groupInstanceId)) {
        return ErrorCode::FencedInstanceId;
    }
    GroupMember *member = group.member(request.memberId);
    if (!member) {
        return ErrorCode::UnknownMemberId;
    }
    if (request.generationId != group.generationId) {
        return ErrorCode::IllegalGeneration;
    }
    // Members of the new generation have no assignment yet; the previous generation's
    // members may still commit while the group prepares to rebalance.
    if (group.is(GroupState::CompletingRebalance)) {
        return ErrorCode::RebalanceInProgress;
    }
    keepAlive(*member);
    return ErrorCode::None;
}

std::vector<FetchedOffset> GroupCoordinator::fetchOffsets(
    const std::string &groupId, const std::optional<TopicPartitions> &topics) const
{
    std::vector<FetchedOffset> out;
    const Group *group = find(groupId);
    if (!topics) {
        if (group) {
            for (const auto &[key, c] : group->offsets) {
                out.push_back({key.first, key.second, c.offset, c.leaderEpoch, c.metadata});
            }
        }
        return out;
    }
    for (const auto &[topic, partitions] : *topics) {
        for (const std::int32_t partition : partitions) {
            FetchedOffset f {topic, partition, -1, -1, std::string()};
            if (group) {
                const auto it = group->offsets.find({topic, partition});
                if (it != group->offsets.end()) {
                    f.offset = it->second.offset;
                    f.leaderEpoch = it->second.leaderEpoch;
                    f.metadata = it->second.metadata;
                }
            }
            out.push_back(std::move(f));
        }
    }
    return out;
}

void GroupCoordinator::recoverOffsets()
{
    std::size_t count = 0;
    for (auto &r : m_offsetLog->takeRecovered()) {
        Group &group = createGroup(r.groupId);
        if (!r.protocolType.empty()) {
            group.protocolType = r.protocolType;
        }
        if (r.removed) {
            group.offsets.erase({r.topic, r.partition});
        } else {
            group.offsets[{r.topic, r.partition}] = std::move(r.committed);
        }
        ++count;
    }
    std::erase_if(m_groups, [](const auto &entry) { return entry.second->canBeForgotten(); });
    if (count > 0) {
        brokerLog().info("replayed {} offset records of {} groups from {}", count, m_groups.size(),
            m_offsetLog->path().string());
    }
}

void GroupCoordinator::onTopicDeleted(const std::string &topic)
{
    // The leader's next assignment leaves the topic out.
    rebalanceSubscribersOf(topic, "subscribed topic " + topic + " was deleted");
    std::vector<OffsetLog::Record> removals;
    std::vector<Group *> touched;
    for (auto &entry : m_groups) {
        Group &group = *entry.second;
        const auto before = removals.size();
        std::erase_if(group.offsets, [&](const auto &offset) {
            if (offset.first.first != topic) {
                return false;
            }
            OffsetLog::Record r;
            r.groupId = group.id;
            r.protocolType = group.protocolType.value_or("");
            r.topic = topic;
            r.partition = offset.first.second;
            r.removed = true;
            removals.push_back(std::move(r));
            return true;
        });
        if (removals.size() > before) {
            touched.push_back(&group);
        }
    }
    if (m_offsetLog && !m_offsetLog->append(removals)) {
        brokerLog().error(
            "the committed offsets of deleted topic {} may return after a restart", topic);
    }
    for (Group *group : touched) {
        settle(*group);
    }
}

void GroupCoordinator::compactOffsetLogIfLarge()
{
    if (!m_offsetLog || m_offsetLog->recordCount() < kCompactionMinRecords) {
        return;
    }
    std::size_t live = 0;
    for (const auto &[id, group] : m_groups) {
        live += group->offsets.size();
    }
    if (m_offsetLog->recordCount() < kCompactionRatio * live) {
        return;
    }
    std::vector<OffsetLog::Record> records;
    records.reserve(live);
    for (const auto &[id, group] : m_groups) {
        for (const auto &[key, c] : group->offsets) {
            records.push_back({id, group->protocolType.value_or(""), key.first, key.second, c});
        }
    }
    const auto before = m_offsetLog->sizeBytes();
    if (m_offsetLog->rewrite(records)) {
        brokerLog().info("compacted {} from {} to {} bytes", m_offsetLog->path().string(), before,
            m_offsetLog->sizeBytes());
    } else {
        brokerLog().warn("could not compact {}", m_offsetLog->path().string());
    }
}

} // namespace chippy::broker
