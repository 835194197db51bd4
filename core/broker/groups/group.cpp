#include "group.h"

#include "consumer_protocol.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace chippy::broker {

namespace {

constexpr std::array kStateNames {
    std::pair {GroupState::Empty, "Empty"},
    std::pair {GroupState::PreparingRebalance, "PreparingRebalance"},
    std::pair {GroupState::CompletingRebalance, "CompletingRebalance"},
    std::pair {GroupState::Stable, "Stable"},
    std::pair {GroupState::Dead, "Dead"},
};

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
        return std::tolower(static_cast<unsigned char>(x))
            == std::tolower(static_cast<unsigned char>(y));
    });
}

} // namespace

const char *groupStateName(GroupState state)
{
    for (const auto &[s, name] : kStateNames) {
        if (s == state) {
            return name;
        }
    }
    return "Unknown";
}

std::optional<GroupState> parseGroupState(std::string_view name)
{
    for (const auto &[s, n] : kStateNames) {
        if (equalsIgnoringCase(name, n)) {
            return s;
        }
    }
    return std::nullopt;
}

const Bytes *GroupMember::metadataFor(const std::string &protocol) const
{
    for (const auto &p : protocols) {
        if (p.name == protocol) {
            return &p.metadata;
        }
    }
    return nullptr;
}

bool GroupMember::sameProtocols(const std::vector<GroupProtocol> &other) const
{
    return std::equal(protocols.begin(), protocols.end(), other.begin(), other.end(),
        [](const GroupProtocol &a, const GroupProtocol &b) {
            return a.name == b.name && a.metadata == b.metadata;
        });
}

GroupMember *Group::member(const std::string &memberId)
{
    const auto it = members.find(memberId);
    return it == members.end() ? nullptr : &it->second;
}

bool Group::isFencedStaticMember(
    const std::string &memberId, const std::optional<std::string> &groupInstanceId) const
{
    if (!groupInstanceId) {
        return false;
    }
    const auto it = staticMembers.find(*groupInstanceId);
    return it != staticMembers.end() && it->second != memberId;
}

bool Group::allMembersJoined() const
{
    return pendingMembers.empty() && std::all_of(members.begin(), members.end(), [](const auto &m) {
        return m.second.isAwaitingJoin();
    });
}

bool Group::supportsProtocols(
    const std::string &memberProtocolType, const std::vector<GroupProtocol> &protocols) const
{
    if (members.empty()) {
        return !memberProtocolType.empty() && !protocols.empty();
    }
    if (protocolType != memberProtocolType) {
        return false;
    }
    return std::any_of(protocols.begin(), protocols.end(), [&](const GroupProtocol &p) {
        return std::all_of(members.begin(), members.end(),
            [&](const auto &m) { return m.second.metadataFor(p.name) != nullptr; });
    });
}

std::optional<std::string> Group::selectProtocol() const
{
    if (members.empty()) {
        return std::nullopt;
    }
    // Candidates in the preference order of the leader (or any member), for a stable tie-break.
    const GroupMember &reference
        = leaderId && members.contains(*leaderId) ? members.at(*leaderId) : members.begin()->second;
    std::vector<std::string> candidates;
    for (const auto &p : reference.protocols) {
        const bool everyone = std::all_of(members.begin(), members.end(),
            [&](const auto &m) { return m.second.metadataFor(p.name) != nullptr; });
        if (everyone) {
            candidates.push_back(p.name);
        }
    }
    if (candidates.empty()) {
        return std::nullopt;
    }
    std::map<std::string, int> votes;
    for (const auto &[id, m] : members) {
        for (const auto &p : m.protocols) {
            if (std::find(candidates.begin(), candidates.end(), p.name) != candidates.end()) {
                votes[p.name]++;
                break;
            }
        }
    }
    std::string best = candidates.front();
    for (const auto &c : candidates) {
        if (votes[c] > votes[best]) {
            best = c;
        }
    }
    return best;
}

std::int32_t Group::rebalanceTimeoutMs() const
{
    std::int32_t longest = 0;
    for (const auto &[id, m] : members) {
        longest = std::max(longest, m.rebalanceTimeoutMs);
    }
    return longest;
}

std::vector<JoinedMember> Group::joinedMembers() const
{
    std::vector<JoinedMember> out;
    for (const auto &[id, m] : members) {
        const Bytes *metadata = protocolName ? m.metadataFor(*protocolName) : nullptr;
        out.push_back({id, m.groupInstanceId, metadata ? *metadata : Bytes {}});
    }
    return out;
}

std::set<std::string> Group::decodeSubscribedTopics() const
{
    std::set<std::string> topics;
    if (protocolType != "consumer" || !protocolName) {
        return topics;
    }
    for (const auto &[id, m] : members) {
        if (const Bytes *metadata = m.metadataFor(*protocolName)) {
            if (const auto subscription = decodeSubscription(*metadata)) {
                topics.insert(subscription->topics.begin(), subscription->topics.end());
            }
        }
    }
    return topics;
}

bool Group::canBeForgotten() const
{
    return is(GroupState::Empty) && members.empty() && pendingMembers.empty() && offsets.empty();
}

std::optional<GroupClock::time_point> Group::nextDeadline() const
{
    std::optional<GroupClock::time_point> next;
    const auto consider = [&](GroupClock::time_point t) {
        if (!next || t < *next) {
            next = t;
        }
    };
    if (is(GroupState::PreparingRebalance) && joinDeadline) {
        consider(*joinDeadline);
    }
    for (const auto &[id, deadline] : pendingMembers) {
        consider(deadline);
    }
    for (const auto &[id, m] : members) {
        // A member waiting for its JoinGroup or SyncGroup answer is alive by definition.
        if (!m.isAwaitingJoin() && !m.isAwaitingSync()) {
            consider(m.sessionDeadline);
        }
    }
    if (!pendingSync.empty() && (is(GroupState::CompletingRebalance) || is(GroupState::Stable))) {
        consider(pendingSyncDeadline);
    }
    return next;
}

} // namespace chippy::broker
