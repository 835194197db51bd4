package chippy.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/** What one client does against both brokers, in order: cluster, topics, records, groups, clean-up. */
final class Scenarios {
    private static final long SETTLE_TIMEOUT_MS = 15000;
    private static final long SETTLE_POLL_MS = 50;

    final Suite suite;
    final Profile profile;
    /** Three partitions, written and read. */
    final String topicA;
    /** One partition, max.message.bytes 1024, configs altered. */
    final String topicB;
    final String unknownTopic;
    final String group;
    final String unknownGroup;
    /** Record timestamps: fixed per run, a minute in the past, so that both brokers store the same. */
    final long timestamp;

    Scenarios(Suite suite, Profile profile) {
        this.suite = suite;
        this.profile = profile;
        String prefix = suite.runTag + "-" + profile.name;
        topicA = prefix + "-a";
        topicB = prefix + "-b";
        unknownTopic = prefix + "-unknown";
        group = prefix + "-group";
        unknownGroup = prefix + "-no-such-group";
        timestamp = suite.startedAtMs - 60_000;
    }

    void run() throws IOException {
        new ClusterScenario(this).run();
        new TopicScenario(this).run();
        new RecordScenario(this).run();
        new GroupScenario(this).run();
        new TopicScenario(this).deleteTopics();
        new GroupScenario(this).afterTopicsDeleted();
    }

    boolean uses(ApiKeys api) {
        return profile.uses(api);
    }

    short v(ApiKeys api) {
        return profile.v(api);
    }

    String step(String what) {
        return profile.name + ": " + what;
    }

    /**
     * Waits until both brokers' metadata shows each topic with this many partitions, all led (0 for gone).
     * Kafka applies topic changes through its controller a moment after it answers.
     */
    void settle(String topic, int partitions) throws IOException {
        for (Side side : suite.sides()) {
            long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MS;
            while (!settled(side, topic, partitions)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IOException(side.name + ": " + topic + " did not reach " + partitions
                            + " partitions in " + SETTLE_TIMEOUT_MS + " ms");
                }
                sleep(SETTLE_POLL_MS);
            }
        }
    }

    private static boolean settled(Side side, String topic, int partitions) throws IOException {
        List<MetadataRequestData.MetadataRequestTopic> topics = new ArrayList<>();
        topics.add(new MetadataRequestData.MetadataRequestTopic().setName(topic));
        WireConnection.Reply reply = side.connection.send(ApiKeys.METADATA, (short) 12,
                new MetadataRequestData().setTopics(topics).setAllowAutoTopicCreation(false));
        if (reply.closed()) {
            throw new IOException(side.name + ": " + reply.failure());
        }
        MetadataResponseData.MetadataResponseTopic found =
                ((MetadataResponseData) reply.body()).topics().iterator().next();
        if (partitions == 0) {
            return found.errorCode() == 3;
        }
        return found.errorCode() == 0 && found.partitions().size() == partitions
                && found.partitions().stream().allMatch(p -> p.errorCode() == 0 && p.leaderId() >= 0);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
