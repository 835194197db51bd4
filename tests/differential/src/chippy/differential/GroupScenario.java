package chippy.differential;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;

/** One consumer as a real member: coordinator, join, sync, heartbeat, commit, fetch, leave, delete. */
final class GroupScenario {
    private static final int SESSION_TIMEOUT_MS = 10000;
    private static final int REBALANCE_TIMEOUT_MS = 10000;
    private static final short MEMBER_ID_REQUIRED = 79;
    private static final String PROTOCOL_TYPE = "consumer";
    private static final String ASSIGNOR = "range";
    private static final int FIRST_BATCHED_FIND_COORDINATOR = 4;
    private static final int FIRST_BATCHED_OFFSET_FETCH = 8;
    private static final int FIRST_MEMBERS_LEAVE_GROUP = 3;
    private static final int FIRST_EMPTY_MEMBER_ID_REJECTED = 4;
    private static final int BAD_GENERATION = 1000;

    private final Scenarios s;
    private final Suite suite;

    GroupScenario(Scenarios scenarios) {
        s = scenarios;
        suite = scenarios.suite;
    }

    void run() {
        findCoordinator();
        join();
        sync();
        suite.exchange(s.step("heartbeat"), ApiKeys.HEARTBEAT, s.v(ApiKeys.HEARTBEAT), side ->
                new HeartbeatRequestData().setGroupId(s.group).setGenerationId(generation(side))
                        .setMemberId(memberId(side)));
        commit();
        fetchOffsets(s.step("offset fetch"), s.group);
        fetchOffsets(s.step("offset fetch of an unknown group"), s.unknownGroup);
        describe("describe groups");
        for (short v : s.profile.all(ApiKeys.LIST_GROUPS)) {
            suite.onlyNamed(s.group).exchange(s.step("list groups"), ApiKeys.LIST_GROUPS, v,
                    new ListGroupsRequestData());
        }
        if (s.uses(ApiKeys.OFFSET_DELETE)) {
            suite.exchange(s.step("offset delete of a subscribed topic"), ApiKeys.OFFSET_DELETE,
                    s.v(ApiKeys.OFFSET_DELETE), offsetDelete(s.topicA));
        }
        leave();
        describe("describe groups after leaving");
        if (s.uses(ApiKeys.OFFSET_DELETE)) {
            suite.exchange(s.step("offset delete"), ApiKeys.OFFSET_DELETE, s.v(ApiKeys.OFFSET_DELETE),
                    offsetDelete(s.topicA));
        }
        if (s.uses(ApiKeys.DELETE_GROUPS)) {
            suite.exchange(s.step("delete groups"), ApiKeys.DELETE_GROUPS, s.v(ApiKeys.DELETE_GROUPS),
                    new DeleteGroupsRequestData().setGroupsNames(
                            new ArrayList<>(List.of(s.group, s.unknownGroup))));
            fetchOffsets(s.step("offset fetch of a deleted group"), s.group);
        }
    }

    /** For a client that never deletes groups: its group once the topics it committed to are gone. */
    void afterTopicsDeleted() {
        if (s.uses(ApiKeys.DELETE_GROUPS)) {
            return;
        }
        suite.onlyNamed(s.group).exchange(s.step("list groups after the group's topics were deleted"),
                ApiKeys.LIST_GROUPS, s.v(ApiKeys.LIST_GROUPS), new ListGroupsRequestData());
    }

    private void findCoordinator() {
        for (short v : s.profile.all(ApiKeys.FIND_COORDINATOR)) {
            FindCoordinatorRequestData request = new FindCoordinatorRequestData().setKeyType((byte) 0);
            if (v >= FIRST_BATCHED_FIND_COORDINATOR) {
                request.setCoordinatorKeys(new ArrayList<>(List.of(s.group)));
            } else {
                request.setKey(s.group);
            }
            suite.exchange(s.step("find coordinator"), ApiKeys.FIND_COORDINATOR, v, request);
        }
    }

    private void join() {
        short v = s.v(ApiKeys.JOIN_GROUP);
        Suite.Answers first = suite.exchange(s.step("join group"), ApiKeys.JOIN_GROUP, v, side -> joinRequest(""));
        for (Side side : suite.sides()) {
            JoinGroupResponseData answer = (JoinGroupResponseData) first.of(side);
            if (answer != null) {
                side.learn("memberId", answer.memberId());
                side.learn("generation", answer.generationId());
            }
        }
        if (v >= FIRST_EMPTY_MEMBER_ID_REJECTED) {
            Suite.Answers second = suite.exchange(s.step("join group with the member id given"), ApiKeys.JOIN_GROUP,
                    v, side -> joinRequest(memberId(side)));
            for (Side side : suite.sides()) {
                JoinGroupResponseData answer = (JoinGroupResponseData) second.of(side);
                if (answer != null && answer.errorCode() == 0) {
                    side.learn("memberId", answer.memberId());
                    side.learn("generation", answer.generationId());
                }
            }
        }
    }

    private JoinGroupRequestData joinRequest(String memberId) {
        ByteBuffer subscription = ConsumerProtocol.serializeSubscription(
                new ConsumerPartitionAssignor.Subscription(List.of(s.topicA, s.topicB)));
        JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols =
                new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName(ASSIGNOR)
                .setMetadata(bytes(subscription)));
        return new JoinGroupRequestData().setGroupId(s.group).setSessionTimeoutMs(SESSION_TIMEOUT_MS)
                .setRebalanceTimeoutMs(REBALANCE_TIMEOUT_MS).setMemberId(memberId).setGroupInstanceId(null)
                .setProtocolType(PROTOCOL_TYPE).setProtocols(protocols);
    }

    private void sync() {
        List<TopicPartition> assigned = new ArrayList<>();
        for (int p = 0; p < 4; ++p) {
            assigned.add(new TopicPartition(s.topicA, p));
        }
        assigned.add(new TopicPartition(s.topicB, 0));
        byte[] assignment = bytes(ConsumerProtocol.serializeAssignment(
                new ConsumerPartitionAssignor.Assignment(assigned)));
        suite.exchange(s.step("sync group"), ApiKeys.SYNC_GROUP, s.v(ApiKeys.SYNC_GROUP), side -> {
            List<SyncGroupRequestData.SyncGroupRequestAssignment> assignments = new ArrayList<>();
            assignments.add(new SyncGroupRequestData.SyncGroupRequestAssignment().setMemberId(memberId(side))
                    .setAssignment(assignment));
            return new SyncGroupRequestData().setGroupId(s.group).setGenerationId(generation(side))
                    .setMemberId(memberId(side)).setProtocolType(PROTOCOL_TYPE).setProtocolName(ASSIGNOR)
                    .setAssignments(assignments);
        });
    }

    private void commit() {
        short v = s.v(ApiKeys.OFFSET_COMMIT);
        suite.exchange(s.step("offset commit"), ApiKeys.OFFSET_COMMIT, v, side -> commitRequest(side,
                generation(side), new Object[][] {{s.topicA, 0, 2L}, {s.topicA, 1, 1L}, {s.topicB, 0, 0L}}));
        suite.exchange(s.step("offset commit to an unknown topic"), ApiKeys.OFFSET_COMMIT, v,
                side -> commitRequest(side, generation(side), new Object[][] {{s.unknownTopic, 0, 1L}}));
        suite.exchange(s.step("offset commit with a wrong generation"), ApiKeys.OFFSET_COMMIT, v,
                side -> commitRequest(side, BAD_GENERATION, new Object[][] {{s.topicA, 0, 3L}}));
    }

    private OffsetCommitRequestData commitRequest(Side side, int generation, Object[][] offsets) {
        OffsetCommitRequestData request = new OffsetCommitRequestData().setGroupId(s.group)
                .setGenerationIdOrMemberEpoch(generation).setMemberId(memberId(side)).setGroupInstanceId(null);
        for (Object[] o : offsets) {
            OffsetCommitRequestData.OffsetCommitRequestTopic topic = request.topics().stream()
                    .filter(t -> t.name().equals(o[0])).findFirst().orElse(null);
            if (topic == null) {
                topic = new OffsetCommitRequestData.OffsetCommitRequestTopic().setName((String) o[0]);
                request.topics().add(topic);
            }
            topic.partitions().add(new OffsetCommitRequestData.OffsetCommitRequestPartition()
                    .setPartitionIndex((Integer) o[1]).setCommittedOffset((Long) o[2]).setCommittedMetadata("m"));
        }
        return request;
    }

    private void fetchOffsets(String step, String group) {
        for (short v : s.profile.all(ApiKeys.OFFSET_FETCH)) {
            suite.exchange(step, ApiKeys.OFFSET_FETCH, v, offsetFetchRequest(v, group));
        }
    }

    private OffsetFetchRequestData offsetFetchRequest(short v, String group) {
        OffsetFetchRequestData request = new OffsetFetchRequestData();
        List<Integer> partitionsA = new ArrayList<>(List.of(0, 1, 2));
        List<Integer> partitionsB = new ArrayList<>(List.of(0));
        if (v >= FIRST_BATCHED_OFFSET_FETCH) {
            OffsetFetchRequestData.OffsetFetchRequestGroup g = new OffsetFetchRequestData.OffsetFetchRequestGroup()
                    .setGroupId(group);
            g.setTopics(new ArrayList<>(List.of(
                    new OffsetFetchRequestData.OffsetFetchRequestTopics().setName(s.topicA)
                            .setPartitionIndexes(partitionsA),
                    new OffsetFetchRequestData.OffsetFetchRequestTopics().setName(s.topicB)
                            .setPartitionIndexes(partitionsB))));
            request.groups().add(g);
        } else {
            request.setGroupId(group);
            request.setTopics(new ArrayList<>(List.of(
                    new OffsetFetchRequestData.OffsetFetchRequestTopic().setName(s.topicA)
                            .setPartitionIndexes(partitionsA),
                    new OffsetFetchRequestData.OffsetFetchRequestTopic().setName(s.topicB)
                            .setPartitionIndexes(partitionsB))));
        }
        return request;
    }

    private void describe(String what) {
        for (short v : s.profile.all(ApiKeys.DESCRIBE_GROUPS)) {
            suite.exchange(s.step(what), ApiKeys.DESCRIBE_GROUPS, v, new DescribeGroupsRequestData()
                    .setGroups(new ArrayList<>(List.of(s.group, s.unknownGroup))));
        }
    }

    private OffsetDeleteRequestData offsetDelete(String topic) {
        OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection topics =
                new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection();
        OffsetDeleteRequestData.OffsetDeleteRequestTopic t = new OffsetDeleteRequestData.OffsetDeleteRequestTopic()
                .setName(topic);
        t.partitions().add(new OffsetDeleteRequestData.OffsetDeleteRequestPartition().setPartitionIndex(0));
        topics.add(t);
        return new OffsetDeleteRequestData().setGroupId(s.group).setTopics(topics);
    }

    private void leave() {
        short v = s.v(ApiKeys.LEAVE_GROUP);
        suite.exchange(s.step("leave group"), ApiKeys.LEAVE_GROUP, v, side -> {
            LeaveGroupRequestData request = new LeaveGroupRequestData().setGroupId(s.group);
            if (v >= FIRST_MEMBERS_LEAVE_GROUP) {
                request.members().add(new LeaveGroupRequestData.MemberIdentity().setMemberId(memberId(side)));
            } else {
                request.setMemberId(memberId(side));
            }
            return request;
        });
    }

    private static String memberId(Side side) {
        return side.recall("memberId", "");
    }

    private static int generation(Side side) {
        return side.recall("generation", -1);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
