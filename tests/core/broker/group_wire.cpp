#include "group_wire.h"

#include <QtEndian>

namespace chippy::test {

using broker::ApiKey;
using broker::Reader;
using broker::Writer;

namespace {

constexpr char kClientId[] = "group-test";

bool isFlexible(ApiKey key, std::int16_t v)
{
    switch (key) {
    case ApiKey::Metadata:
        return v >= 9;
    case ApiKey::OffsetCommit:
        return v >= 8;
    case ApiKey::OffsetFetch:
        return v >= 6;
    case ApiKey::FindCoordinator:
        return v >= 3;
    case ApiKey::JoinGroup:
        return v >= 6;
    case ApiKey::Heartbeat:
    case ApiKey::LeaveGroup:
    case ApiKey::SyncGroup:
        return v >= 4;
    case ApiKey::DescribeGroups:
        return v >= 5;
    case ApiKey::ListGroups:
        return v >= 3;
    case ApiKey::CreatePartitions:
        return v >= 2;
    default:
        return false;
    }
}

Writer body(ApiKey key, std::int16_t v)
{
    return Writer(isFlexible(key, v));
}

Reader reader(ApiKey key, std::int16_t v, const Bytes &b)
{
    return Reader(b, isFlexible(key, v));
}

} // namespace

PipelinedWireClient::PipelinedWireClient(quint16 port)
{
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    m_socket.waitForConnected(kReplyTimeoutMs);
}

void PipelinedWireClient::send(ApiKey key, std::int16_t version, Writer requestBody)
{
    const bool flexible = isFlexible(key, version);
    Writer frame;
    const auto sizeAt = frame.placeholder32();
    frame.i16(static_cast<std::int16_t>(key));
    frame.i16(version);
    const std::int32_t correlationId = m_nextCorrelationId++;
    frame.i32(correlationId);
    frame.string(kClientId); // int16 length in both header versions
    if (flexible) {
        frame.uvarint(0);
    }
    frame.raw(requestBody.buffer());
    frame.patch32(sizeAt, static_cast<std::uint32_t>(frame.size() - 4));
    m_socket.write(
        reinterpret_cast<const char *>(frame.buffer().data()), static_cast<qint64>(frame.size()));
    m_socket.flush();
    m_inFlight.emplace_back(correlationId, flexible);
}

bool PipelinedWireClient::fill(Bytes &data, std::size_t n, int timeoutMs)
{
    while (data.size() < n) {
        if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs)) {
            return false;
        }
        const auto chunk = m_socket.read(static_cast<qint64>(n - data.size()));
        data.insert(data.end(), chunk.begin(), chunk.end());
    }
    return true;
}

std::optional<Bytes> PipelinedWireClient::receive(int timeoutMs)
{
    if (m_inFlight.empty()) {
        return std::nullopt;
    }
    Bytes size;
    if (!fill(size, 4, timeoutMs)) {
        return std::nullopt;
    }
    Bytes frame;
    if (!fill(frame, qFromBigEndian<quint32>(size.data()), timeoutMs)) {
        return std::nullopt;
    }
    const auto [expected, flexible] = m_inFlight.front();
    m_inFlight.pop_front();
    Reader r(frame, flexible);
    if (r.i32() != expected) {
        return std::nullopt;
    }
    r.skipTags();
    return Bytes(frame.begin() + static_cast<std::ptrdiff_t>(r.position()), frame.end());
}

Bytes subscription(const std::vector<std::string> &topics)
{
    Writer w;
    w.i16(0);
    w.arrayLength(topics.size());
    for (const auto &t : topics) {
        w.string(t);
    }
    w.nullBytes(); // user data
    return w.take();
}

Bytes assignment(const std::map<std::string, std::vector<std::int32_t>> &partitions)
{
    Writer w;
    w.i16(0);
    w.arrayLength(partitions.size());
    for (const auto &[topic, list] : partitions) {
        w.string(topic);
        w.arrayLength(list.size());
        for (const auto p : list) {
            w.i32(p);
        }
    }
    w.nullBytes();
    return w.take();
}

Writer joinGroupRequest(std::int16_t v, const JoinParams &p)
{
    Writer w = body(ApiKey::JoinGroup, v);
    w.string(p.groupId);
    w.i32(p.sessionTimeoutMs);
    if (v >= 1) {
        w.i32(p.rebalanceTimeoutMs);
    }
    w.string(p.memberId);
    if (v >= 5) {
        w.nullableString(p.groupInstanceId);
    }
    w.string(p.protocolType);
    w.arrayLength(p.protocols.size());
    for (const auto &[name, metadata] : p.protocols) {
        w.string(name);
        w.bytes(metadata);
        w.tags();
    }
    if (v >= 8) {
        w.nullString(); // reason
    }
    w.tags();
    return w;
}

JoinReply parseJoinGroup(std::int16_t v, const Bytes &b)
{
    Reader r = reader(ApiKey::JoinGroup, v, b);
    JoinReply j;
    if (v >= 2) {
        r.i32();
    }
    j.error = r.i16();
    j.generationId = r.i32();
    if (v >= 7) {
        j.protocolType = r.nullableString();
        j.protocolName = r.nullableString();
    } else {
        j.protocolName = r.string();
    }
    j.leaderId = r.string();
    if (v >= 9) {
        j.skipAssignment = r.boolean();
    }
    j.memberId = r.string();
    r.forEach([&] {
        auto id = r.string();
        if (v >= 5) {
            r.nullableString();
        }
        const auto metadata = r.bytes();
        r.skipTags();
        j.members.emplace_back(std::move(id), Bytes(metadata.begin(), metadata.end()));
    });
    r.skipTags();
    return j;
}

Writer syncGroupRequest(std::int16_t v, const std::string &groupId, std::int32_t generationId,
    const std::string &memberId, const std::vector<std::pair<std::string, Bytes>> &assignments,
    const std::optional<std::string> &groupInstanceId)
{
    Writer w = body(ApiKey::SyncGroup, v);
    w.string(groupId);
    w.i32(generationId);
    w.string(memberId);
    if (v >= 3) {
        w.nullableString(groupInstanceId);
    }
    if (v >= 5) {
        w.string("consumer");
        w.string("range");
    }
    w.arrayLength(assignments.size());
    for (const auto &[id, a] : assignments) {
        w.string(id);
        w.bytes(a);
        w.tags();
    }
    w.tags();
    return w;
}

SyncReply parseSyncGroup(std::int16_t v, const Bytes &b)
{
    Reader r = reader(ApiKey::SyncGroup, v, b);
    SyncReply s;
    if (v >= 1) {
        r.i32();
    }
    s.error = r.i16();
    if (v >= 5) {
        r.nullableString();
        r.nullableString();
    }
    const auto a = r.bytes();
    s.assignment.assign(a.begin(), a.end());
    r.skipTags();
    return s;
}

Writer heartbeatRequest(std::int16_t v, const std::string &groupId, std::int32_t generationId,
    const std::string &memberId, const std::optional<std::string> &groupInstanceId)
{
    Writer w = body(ApiKey::Heartbeat, v);
    w.string(groupId);
    w.i32(generationId);
    w.string(memberId);
    if (v >= 3) {
        w.nullableString(groupInstanceId);
    }
    w.tags();
    return w;
}

std::int16_t parseHeartbeat(std::int16_t v, const Bytes &b)
{
    Reader r = reader(ApiKey::Heartbeat, v, b);
    if (v >= 1) {
        r.i32();
    }
    return r.i16();
}

Writer leaveGroupRequest(std::int16_t v, const std::string &groupId,
    const std::vector<std::pair<std::string, std::optional<std::string>>> &members)
{
    Writer w = body(ApiKey::LeaveGroup, v);
    w.string(groupId);
    if (v < 3) {
        w.string(members.front().first);
    } else {
        w.arrayLength(members.size());
        for (const auto &[memberId, instanceId] : members) {
            w.string(memberId);
            w.nullableString(instanceId);
            if (v >= 5) {
                w.string("shift over");
            }
            w.tags();
        }
    }
    w.tags();
    return w;
}

LeaveReply parseLeaveGroup(std::int16_t v, const Bytes &b)
{
    Reader r = reader(ApiKey::LeaveGroup, v, b);
    LeaveReply l;
    if (v >= 1) {
        r.i32();
    }
    l.error = r.i16();
    if (v >= 3) {
        r.forEach([&] {
            r.string();
            r.nullableString();
            l.memberErrors.push_back(r.i16());
            r.skipTags();
        });
    }
    return l;
}

Writer offsetCommitRequest(std::int16_t v, const CommitParams &p)
{
    Writer w = body(ApiKey::OffsetCommit, v);
    w.string(p.groupId);
    if (v >= 1) {
        w.i32(p.generationId);
        w.string(p.memberId);
    }
    if (v >= 7) {
        w.nullString();
    }
    if (v >= 2 && v <= 4) {
        w.i64(-1);
    }
    w.arrayLength(p.offsets.size());
    for (const auto &[topic, partitions] : p.offsets) {
        w.string(topic);
        w.arrayLength(partitions.size());
        for (const auto &[partition, offset] : partitions) {
            w.i32(partition);
            w.i64(offset);
            if (v >= 6) {
                w.i32(7); // leader epoch
            }
            if (v == 1) {
                w.i64(-1);
            }
            w.nullableString(p.metadata);
            w.tags();
        }
        w.tags();
    }
    w.tags();
    return w;
}

std::map<std::pair<std::string, std::int32_t>, std::int16_t> parseOffsetCommit(
    std::int16_t v, const Bytes &b)
{
    Reader r = reader(ApiKey::OffsetCommit, v, b);
    std::map<std::pair<std::string, std::int32_t>, std::int16_t> out;
    if (v >= 3) {
        r.i32();
    }
    r.forEach([&] {
        const auto topic = r.string();
        r.forEach([&] {
            const auto partition = r.i32();
            out[{topic, partition}] = r.i16();
            r.skipTags();
        });
        r.skipTags();
    });
    return out;
}

namespace {

void writeFetchTopics(Writer &w, const std::optional<TopicPartitionList> &topics)
{
    if (!topics) {
        w.nullArray();
        return;
    }
    w.arrayLength(topics->size());
    for (const auto &[topic, partitions] : *topics) {
        w.string(topic);
        w.arrayLength(partitions.size());
        for (const auto p : partitions) {
            w.i32(p);
        }
        w.tags();
    }
}

FetchedOffsets readFetchTopics(Reader &r, std::int16_t v)
{
    FetchedOffsets out;
    r.forEach([&] {
        const auto topic = r.string();
        r.forEach([&] {
            const auto partition = r.i32();
            FetchedPartition f;
            f.offset = r.i64();
            if (v >= 5) {
                f.leaderEpoch = r.i32();
            }
            f.metadata = r.nullableString();
            f.error = r.i16();
            r.skipTags();
            out[{topic, partition}] = f;
        });
        r.skipTags();
    });
    return out;
}

} // namespace

Writer offsetFetchRequest(std::int16_t v,
    const std::vector<std::pair<std::string, std::optional<TopicPartitionList>>> &groups)
{
    Writer w = body(ApiKey::OffsetFetch, v);
    if (v < 8) {
        w.string(groups.front().first);
        writeFetchTopics(w, groups.front().second);
    } else {
        w.arrayLength(groups.size());
        for (const auto &[groupId, topics] : groups) {
            w.string(groupId);
            writeFetchTopics(w, topics);
            w.tags();
        }
    }
    if (v >= 7) {
        w.boolean(true); // require stable
    }
    w.tags();
    return w;
}

std::map<std::string, FetchedOffsets> parseOffsetFetch(
    std::int16_t v, const Bytes &b, const std::string &singleGroupId)
{
    Reader r = reader(ApiKey::OffsetFetch, v, b);
    std::map<std::string, FetchedOffsets> out;
    if (v >= 3) {
        r.i32();
    }
    if (v < 8) {
        out[singleGroupId] = readFetchTopics(r, v);
        if (v >= 2 && r.i16() != 0) {
            out.clear();
        }
        return out;
    }
    r.forEach([&] {
        const auto groupId = r.string();
        out[groupId] = readFetchTopics(r, v);
        if (r.i16() != 0) {
            out.erase(groupId);
        }
        r.skipTags();
    });
    return out;
}

Writer describeGroupsRequest(std::int16_t v, const std::vector<std::string> &groups)
{
    Writer w = body(ApiKey::DescribeGroups, v);
    w.arrayLength(groups.size());
    for (const auto &g : groups) {
        w.string(g);
    }
    if (v >= 3) {
        w.boolean(true);
    }
    w.tags();
    return w;
}

std::vector<DescribedGroup> parseDescribeGroups(std::int16_t v, const Bytes &b)
{
    Reader r = reader(ApiKey::DescribeGroups, v, b);
    std::vector<DescribedGroup> out;
    if (v >= 1) {
        r.i32();
    }
    r.forEach([&] {
        DescribedGroup g;
        g.error = r.i16();
        g.groupId = r.string();
        g.state = r.string();
        g.protocolType = r.string();
        g.protocolData = r.string();
        r.forEach([&] {
            DescribedMember m;
            m.memberId = r.string();
            if (v >= 4) {
                m.groupInstanceId = r.nullableString();
            }
            m.clientId = r.string();
            m.clientHost = r.string();
            const auto metadata = r.bytes();
            m.metadata.assign(metadata.begin(), metadata.end());
            const auto assigned = r.bytes();
            m.assignment.assign(assigned.begin(), assigned.end());
            r.skipTags();
            g.members.push_back(std::move(m));
        });
        if (v >= 3) {
            g.authorizedOperations = r.i32();
        }
        r.skipTags();
        out.push_back(std::move(g));
    });
    return out;
}

Writer listGroupsRequest(std::int16_t v, const std::vector<std::string> &statesFilter)
{
    Writer w = body(ApiKey::ListGroups, v);
    if (v >= 4) {
        w.arrayLength(statesFilter.size());
        for (const auto &s : statesFilter) {
            w.string(s);
        }
    }
    w.tags();
    return w;
}

std::vector<ListedGroup> parseListGroups(std::int16_t v, const Bytes &b, std::int16_t *error)
{
    Reader r = reader(ApiKey::ListGroups, v, b);
    if (v >= 1) {
        r.i32();
    }
    *error = r.i16();
    std::vector<ListedGroup> out;
    r.forEach([&] {
        ListedGroup g;
        g.groupId = r.string();
        g.protocolType = r.string();
        if (v >= 4) {
            g.state = r.string();
        }
        r.skipTags();
        out.push_back(std::move(g));
    });
    return out;
}

Writer findCoordinatorRequest(
    std::int16_t v, const std::vector<std::string> &keys, std::int8_t keyType)
{
    Writer w = body(ApiKey::FindCoordinator, v);
    if (v < 4) {
        w.string(keys.front());
        if (v >= 1) {
            w.i8(keyType);
        }
    } else {
        w.i8(keyType);
        w.arrayLength(keys.size());
        for (const auto &k : keys) {
            w.string(k);
        }
    }
    w.tags();
    return w;
}

std::vector<CoordinatorReply> parseFindCoordinator(std::int16_t v, const Bytes &b)
{
    Reader r = reader(ApiKey::FindCoordinator, v, b);
    std::vector<CoordinatorReply> out;
    if (v >= 1) {
        r.i32();
    }
    if (v < 4) {
        CoordinatorReply c;
        c.error = r.i16();
        if (v >= 1) {
            r.nullableString();
        }
        c.nodeId = r.i32();
        c.host = r.string();
        c.port = r.i32();
        out.push_back(c);
        return out;
    }
    r.forEach([&] {
        CoordinatorReply c;
        c.key = r.string();
        c.nodeId = r.i32();
        c.host = r.string();
        c.port = r.i32();
        c.error = r.i16();
        r.nullableString();
        r.skipTags();
        out.push_back(c);
    });
    return out;
}

Writer metadataRequest(std::int16_t v, const std::vector<std::string> &topics)
{
    Writer w = body(ApiKey::Metadata, v);
    w.arrayLength(topics.size());
    for (const auto &t : topics) {
        w.string(t);
    }
    if (v >= 4) {
        w.boolean(true); // allow auto-creation
    }
    return w;
}

Writer createPartitionsRequest(std::int16_t v, const std::string &topic, std::int32_t count)
{
    Writer w = body(ApiKey::CreatePartitions, v);
    w.arrayLength(1);
    w.string(topic);
    w.i32(count);
    w.nullArray(); // let the broker place them
    w.tags();
    w.i32(10000); // timeout
    w.boolean(false); // validate only
    w.tags();
    return w;
}

Writer deleteTopicsRequest(std::int16_t v, const std::string &topic)
{
    Writer w = body(ApiKey::DeleteTopics, v);
    w.arrayLength(1);
    w.string(topic);
    w.i32(10000); // timeout
    return w;
}

std::int16_t parseDeleteTopics(std::int16_t v, const Bytes &b)
{
    Reader r = reader(ApiKey::DeleteTopics, v, b);
    if (v >= 1) {
        r.i32(); // throttle time
    }
    if (r.arrayLength() != 1) {
        return -1;
    }
    r.string();
    return r.i16();
}

} // namespace chippy::test
