package chippy.differential;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;

/** Records produced (plain, gzip, idempotent, too large), fetched, looked up by time and deleted. */
final class RecordScenario {
    private static final int TIMEOUT_MS = 10000;
    private static final short ACKS_ALL = -1;
    private static final long EARLIEST = -2;
    private static final long LATEST = -1;
    private static final long MAX_TIMESTAMP = -3;
    private static final int FIRST_MAX_TIMESTAMP_VERSION = 7;
    private static final long A_DAY_MS = 86_400_000L;
    private static final int OVERSIZED_BYTES = 2000;
    private static final int OUT_OF_RANGE_OFFSET = 100;
    private static final int FETCH_MAX_WAIT_MS = 100;
    private static final int FETCH_MAX_BYTES = 1 << 20;
    private static final int SEQUENCE_GAP = 5;

    private final Scenarios s;
    private final Suite suite;

    RecordScenario(Scenarios scenarios) {
        s = scenarios;
        suite = scenarios.suite;
    }

    void run() {
        produce();
        fetch("fetch", List.of(new long[] {0, 0}, new long[] {1, 0}, new long[] {3, 0},
                new long[] {2, OUT_OF_RANGE_OFFSET}));
        listOffsets();
        deleteRecords();
        offsetForLeaderEpoch();
        idempotentProduce();
        if (s.uses(ApiKeys.DESCRIBE_LOG_DIRS)) {
            DescribeLogDirsRequestData.DescribableLogDirTopicCollection topics =
                    new DescribeLogDirsRequestData.DescribableLogDirTopicCollection();
            topics.add(new DescribeLogDirsRequestData.DescribableLogDirTopic().setTopic(s.topicA)
                    .setPartitions(new ArrayList<>(List.of(0, 1, 2, 3))));
            topics.add(new DescribeLogDirsRequestData.DescribableLogDirTopic().setTopic(s.topicB)
                    .setPartitions(new ArrayList<>(List.of(0))));
            for (short v : s.profile.all(ApiKeys.DESCRIBE_LOG_DIRS)) {
                // Paths and disk space are the brokers' own; partition sizes and the layout are compared.
                suite.tidy(tree -> tree.get("results").forEach(dir -> ((ObjectNode) dir)
                        .remove(List.of("logDir", "totalBytes", "usableBytes"))))
                        .exchange(s.step("describe log dirs"), ApiKeys.DESCRIBE_LOG_DIRS, v,
                                new DescribeLogDirsRequestData().setTopics(topics.duplicate()));
            }
        }
    }

    private void produce() {
        short v = s.v(ApiKeys.PRODUCE);
        ProduceRequestData request = produceRequest();
        addBatch(request, s.topicA, 0, Records.batch(Compression.NONE, s.timestamp, "plain", 3));
        addBatch(request, s.topicA, 1, Records.batch(Compression.gzip().build(), s.timestamp, "gzip", 2));
        addBatch(request, s.topicA, 3, Records.batch(Compression.NONE, s.timestamp, "grown", 1));
        suite.exchange(s.step("produce"), ApiKeys.PRODUCE, v, request);

        ProduceRequestData mistakes = produceRequest();
        // Another unknown topic than the one the other steps ask about, as a broker that creates topics on
        // produce would otherwise change their answers too.
        addBatch(mistakes, s.unknownTopic + "-produced", 0, Records.batch(Compression.NONE, s.timestamp, "lost", 1));
        addBatch(mistakes, s.topicA, 99, Records.batch(Compression.NONE, s.timestamp, "lost", 1));
        suite.exchange(s.step("produce to an unknown topic and partition"), ApiKeys.PRODUCE, v, mistakes);

        ProduceRequestData tooLarge = produceRequest();
        addBatch(tooLarge, s.topicB, 0, Records.oversized(s.timestamp, OVERSIZED_BYTES));
        suite.exchange(s.step("produce a batch over max.message.bytes"), ApiKeys.PRODUCE, v, tooLarge);
    }

    private static ProduceRequestData produceRequest() {
        return new ProduceRequestData().setAcks(ACKS_ALL).setTimeoutMs(TIMEOUT_MS).setTransactionalId(null);
    }

    private static void addBatch(ProduceRequestData request, String topic, int partition, MemoryRecords records) {
        ProduceRequestData.TopicProduceData data = request.topicData().find(topic, Uuid.ZERO_UUID);
        if (data == null) {
            data = new ProduceRequestData.TopicProduceData().setName(topic);
            request.topicData().add(data);
        }
        data.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(partition).setRecords(records));
    }

    /** Fetches each {partition, offset} of topic A, and partition 0 of an unknown topic. */
    private void fetch(String what, List<long[]> partitions) {
        for (short v : s.profile.all(ApiKeys.FETCH)) {
            suite.exchange(s.step(what), ApiKeys.FETCH, v, fetchRequest(partitions));
        }
    }

    private FetchRequestData fetchRequest(List<long[]> partitions) {
        FetchRequestData request = new FetchRequestData().setReplicaId(-1).setMaxWaitMs(FETCH_MAX_WAIT_MS)
                .setMinBytes(1).setMaxBytes(FETCH_MAX_BYTES).setIsolationLevel(s.profile.isolationLevel).setSessionId(0)
                .setSessionEpoch(-1);
        FetchRequestData.FetchTopic topic = new FetchRequestData.FetchTopic().setTopic(s.topicA);
        for (long[] p : partitions) {
            topic.partitions().add(new FetchRequestData.FetchPartition().setPartition((int) p[0]).setFetchOffset(p[1])
                    .setPartitionMaxBytes(FETCH_MAX_BYTES));
        }
        request.topics().add(topic);
        FetchRequestData.FetchTopic unknown = new FetchRequestData.FetchTopic().setTopic(s.unknownTopic);
        unknown.partitions().add(new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0)
                .setPartitionMaxBytes(FETCH_MAX_BYTES));
        request.topics().add(unknown);
        return request;
    }

    private void listOffsets() {
        for (short v : s.profile.all(ApiKeys.LIST_OFFSETS)) {
            listOffsets(v);
        }
    }

    private void listOffsets(short v) {
        ListOffsetsRequestData request = listOffsetsRequest(s.topicA, new long[][] {{0, EARLIEST}, {1, LATEST},
                {2, s.timestamp}, {3, s.suite.startedAtMs + A_DAY_MS}});
        request.topics().addAll(listOffsetsRequest(s.unknownTopic, new long[][] {{0, LATEST}}).topics());
        suite.exchange(s.step("list offsets: earliest, latest, by time, a time in the future, unknown topic"),
                ApiKeys.LIST_OFFSETS, v, request);
        suite.exchange(s.step("list offsets: by the time of the second record"), ApiKeys.LIST_OFFSETS, v,
                listOffsetsRequest(s.topicA, new long[][] {{0, s.timestamp + 1}}));
        if (v >= FIRST_MAX_TIMESTAMP_VERSION) {
            suite.exchange(s.step("list offsets: max timestamp"), ApiKeys.LIST_OFFSETS, v,
                    listOffsetsRequest(s.topicA, new long[][] {{0, MAX_TIMESTAMP}, {2, MAX_TIMESTAMP}}));
        }
    }

    private static ListOffsetsRequestData listOffsetsRequest(String topic, long[][] partitions) {
        ListOffsetsRequestData.ListOffsetsTopic t = new ListOffsetsRequestData.ListOffsetsTopic().setName(topic);
        for (long[] p : partitions) {
            t.partitions().add(new ListOffsetsRequestData.ListOffsetsPartition().setPartitionIndex((int) p[0])
                    .setTimestamp(p[1]));
        }
        ListOffsetsRequestData request = new ListOffsetsRequestData().setReplicaId(-1)
                .setIsolationLevel(Profile.READ_UNCOMMITTED);
        request.topics().add(t);
        return request;
    }

    private void deleteRecords() {
        if (!s.uses(ApiKeys.DELETE_RECORDS)) {
            return;
        }
        short v = s.v(ApiKeys.DELETE_RECORDS);
        DeleteRecordsRequestData request = new DeleteRecordsRequestData().setTimeoutMs(TIMEOUT_MS);
        DeleteRecordsRequestData.DeleteRecordsTopic a = new DeleteRecordsRequestData.DeleteRecordsTopic()
                .setName(s.topicA);
        a.partitions().add(new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(0).setOffset(1));
        a.partitions().add(new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(1)
                .setOffset(OUT_OF_RANGE_OFFSET));
        request.topics().add(a);
        DeleteRecordsRequestData.DeleteRecordsTopic unknown = new DeleteRecordsRequestData.DeleteRecordsTopic()
                .setName(s.unknownTopic);
        unknown.partitions().add(new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(0)
                .setOffset(0));
        request.topics().add(unknown);
        suite.exchange(s.step("delete records"), ApiKeys.DELETE_RECORDS, v, request);
        suite.exchange(s.step("list offsets: earliest after deleting records"), ApiKeys.LIST_OFFSETS,
                s.v(ApiKeys.LIST_OFFSETS), listOffsetsRequest(s.topicA, new long[][] {{0, EARLIEST}}));
        fetch("fetch below the log start offset", List.of(new long[] {0, 0}));
    }

    private void offsetForLeaderEpoch() {
        if (!s.uses(ApiKeys.OFFSET_FOR_LEADER_EPOCH)) {
            return;
        }
        for (short v : s.profile.all(ApiKeys.OFFSET_FOR_LEADER_EPOCH)) {
            suite.exchange(s.step("offset for leader epoch"), ApiKeys.OFFSET_FOR_LEADER_EPOCH, v,
                    offsetForLeaderEpochRequest());
        }
    }

    private OffsetForLeaderEpochRequestData offsetForLeaderEpochRequest() {
        OffsetForLeaderEpochRequestData request = new OffsetForLeaderEpochRequestData().setReplicaId(-2);
        for (String name : List.of(s.topicA, s.unknownTopic)) {
            OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic =
                    new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic(name);
            topic.partitions().add(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition().setPartition(0)
                    .setCurrentLeaderEpoch(-1).setLeaderEpoch(0));
            request.topics().add(topic);
        }
        return request;
    }

    /** An idempotent producer: its id, a batch, the same batch again, then a gap in the sequence. */
    private void idempotentProduce() {
        if (!s.uses(ApiKeys.INIT_PRODUCER_ID)) {
            return;
        }
        Suite.Answers ids = suite.exchange(s.step("init producer id"), ApiKeys.INIT_PRODUCER_ID,
                s.v(ApiKeys.INIT_PRODUCER_ID), new InitProducerIdRequestData().setTransactionalId(null)
                        .setTransactionTimeoutMs(TIMEOUT_MS).setProducerId(-1).setProducerEpoch((short) -1));
        if (!ids.bothAnswered()) {
            return;
        }
        short v = s.v(ApiKeys.PRODUCE);
        String[] steps = {"idempotent produce", "idempotent produce: the same batch again",
            "idempotent produce: a gap in the sequence"};
        int[] sequences = {0, 0, SEQUENCE_GAP};
        for (int i = 0; i < steps.length; ++i) {
            int sequence = sequences[i];
            suite.exchange(s.step(steps[i]), ApiKeys.PRODUCE, v, side -> {
                InitProducerIdResponseData id = (InitProducerIdResponseData) ids.of(side);
                ProduceRequestData request = produceRequest();
                addBatch(request, s.topicA, 2, Records.idempotentBatch(id.producerId(), id.producerEpoch(),
                        sequence, s.timestamp, "idempotent", 2));
                return request;
            });
        }
        fetch("fetch idempotent records", List.of(new long[] {2, 0}));
    }
}
