#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace chippy::broker {

// A copy of the broker's state for viewers (the visualizer, tests). Plain data, no Qt.
struct BrokerSnapshot
{
    struct Partition
    {
        std::int32_t index = 0;
        std::int64_t logStartOffset = 0;
        std::int64_t logEndOffset = 0;
        std::int64_t bytes = 0;
        std::size_t segments = 0;
    };
    struct Topic
    {
        std::string name;
        std::vector<Partition> partitions;
        std::map<std::string, std::string> configOverrides;
    };
    struct Member
    {
        std::string memberId;
        std::string clientId;
        std::string host;
        // topic -> partitions, decoded from the consumer protocol assignment when possible
        std::map<std::string, std::vector<std::int32_t>> assignment;
    };
    struct CommittedOffset
    {
        std::string topic;
        std::int32_t partition = 0;
        std::int64_t offset = 0;
        std::int64_t lag = 0; // log end minus committed, 0 when unknown
    };
    struct Group
    {
        std::string groupId;
        std::string state;
        std::int32_t generation = 0;
        std::string protocolType;
        std::string protocol;
        std::string leaderId;
        std::vector<Member> members;
        std::vector<CommittedOffset> offsets;
    };
    struct Connection
    {
        std::uint64_t id = 0;
        std::string peer;
        std::string clientId;
        std::uint64_t requests = 0;
    };

    std::string host;
    std::uint16_t port = 0;
    std::vector<Topic> topics;
    std::vector<Group> groups;
    std::vector<Connection> connections;
    std::map<std::string, std::uint64_t> requestCounts; // by API name
};

} // namespace chippy::broker
