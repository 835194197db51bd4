package chippy.differential;

import java.util.EnumMap;
import java.util.Map;

import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The versions one client sends for each API it uses. The first version listed for an API is the one the
 * client's main path sends; further ones come from other calls of the same client.
 */
final class Profile {
    static final byte READ_UNCOMMITTED = 0;
    static final byte READ_COMMITTED = 1;

    final String name;
    /** 1 (read_committed) for librdkafka and KafkaJS, whose consumers default to it; 0 for Java's. */
    final byte isolationLevel;
    private final Map<ApiKeys, short[]> versions = new EnumMap<>(ApiKeys.class);

    Profile(String name, byte isolationLevel) {
        this.name = name;
        this.isolationLevel = isolationLevel;
    }

    Profile with(ApiKeys api, int... sent) {
        short[] list = new short[sent.length];
        for (int i = 0; i < sent.length; ++i) {
            list[i] = (short) sent[i];
        }
        versions.put(api, list);
        return this;
    }

    boolean uses(ApiKeys api) {
        return versions.containsKey(api);
    }

    short v(ApiKeys api) {
        return versions.get(api)[0];
    }

    short[] all(ApiKeys api) {
        return versions.getOrDefault(api, new short[0]);
    }

    /** librdkafka 2.0.2 (kcat, confluent-kafka): the versions in /work/shared/KAFKA-PROTOCOL.md. */
    static Profile librdkafka() {
        return new Profile("librdkafka", READ_COMMITTED)
                .with(ApiKeys.API_VERSIONS, 3, 0)
                .with(ApiKeys.METADATA, 4)
                .with(ApiKeys.PRODUCE, 7)
                .with(ApiKeys.FETCH, 11)
                .with(ApiKeys.LIST_OFFSETS, 2)
                .with(ApiKeys.FIND_COORDINATOR, 2)
                .with(ApiKeys.JOIN_GROUP, 5)
                .with(ApiKeys.SYNC_GROUP, 3)
                .with(ApiKeys.HEARTBEAT, 3)
                .with(ApiKeys.LEAVE_GROUP, 1)
                .with(ApiKeys.OFFSET_COMMIT, 7)
                .with(ApiKeys.OFFSET_FETCH, 7)
                .with(ApiKeys.DESCRIBE_GROUPS, 4, 0)
                .with(ApiKeys.LIST_GROUPS, 4, 0)
                .with(ApiKeys.CREATE_TOPICS, 4)
                .with(ApiKeys.CREATE_PARTITIONS, 0)
                .with(ApiKeys.DELETE_TOPICS, 1)
                .with(ApiKeys.DESCRIBE_CONFIGS, 1)
                .with(ApiKeys.ALTER_CONFIGS, 0)
                .with(ApiKeys.DELETE_RECORDS, 1)
                .with(ApiKeys.INIT_PRODUCER_ID, 4)
                .with(ApiKeys.OFFSET_FOR_LEADER_EPOCH, 2)
                .with(ApiKeys.DELETE_GROUPS, 1)
                .with(ApiKeys.OFFSET_DELETE, 0)
                .with(ApiKeys.DESCRIBE_ACLS, 1)
                .with(ApiKeys.SASL_HANDSHAKE, 1)
                .with(ApiKeys.SASL_AUTHENTICATE, 0);
    }

    /** KafkaJS 2.2.4: the newest version it implements of each API (tests/interop/node). */
    static Profile kafkaJs() {
        return new Profile("kafkajs", READ_COMMITTED)
                .with(ApiKeys.API_VERSIONS, 2)
                .with(ApiKeys.METADATA, 6)
                .with(ApiKeys.PRODUCE, 7)
                .with(ApiKeys.FETCH, 11)
                .with(ApiKeys.LIST_OFFSETS, 3)
                .with(ApiKeys.FIND_COORDINATOR, 2)
                .with(ApiKeys.JOIN_GROUP, 5)
                .with(ApiKeys.SYNC_GROUP, 3)
                .with(ApiKeys.HEARTBEAT, 3)
                .with(ApiKeys.LEAVE_GROUP, 3)
                .with(ApiKeys.OFFSET_COMMIT, 5)
                .with(ApiKeys.OFFSET_FETCH, 4)
                .with(ApiKeys.DESCRIBE_GROUPS, 2)
                .with(ApiKeys.LIST_GROUPS, 2)
                .with(ApiKeys.CREATE_TOPICS, 3)
                .with(ApiKeys.CREATE_PARTITIONS, 1)
                .with(ApiKeys.DELETE_TOPICS, 1)
                .with(ApiKeys.DESCRIBE_CONFIGS, 2)
                .with(ApiKeys.ALTER_CONFIGS, 1)
                .with(ApiKeys.DELETE_RECORDS, 1)
                .with(ApiKeys.INIT_PRODUCER_ID, 1)
                .with(ApiKeys.DELETE_GROUPS, 1)
                .with(ApiKeys.DESCRIBE_ACLS, 1)
                .with(ApiKeys.LIST_PARTITION_REASSIGNMENTS, 0)
                .with(ApiKeys.SASL_HANDSHAKE, 1)
                .with(ApiKeys.SASL_AUTHENTICATE, 1);
    }

    /**
     * kafka-python 2.0.2: versions chosen from the broker version it infers from chippy's ApiVersions (2.3),
     * and min(its newest, the broker's) for the admin client (/work/shared/KAFKA-PROTOCOL.md).
     */
    static Profile kafkaPython() {
        return new Profile("kafka-python", READ_UNCOMMITTED)
                .with(ApiKeys.API_VERSIONS, 0)
                .with(ApiKeys.METADATA, 1, 0, 5)
                .with(ApiKeys.PRODUCE, 7)
                .with(ApiKeys.FETCH, 4)
                .with(ApiKeys.LIST_OFFSETS, 1)
                .with(ApiKeys.FIND_COORDINATOR, 0)
                .with(ApiKeys.JOIN_GROUP, 2)
                .with(ApiKeys.SYNC_GROUP, 1)
                .with(ApiKeys.HEARTBEAT, 1)
                .with(ApiKeys.LEAVE_GROUP, 1)
                .with(ApiKeys.OFFSET_COMMIT, 2)
                .with(ApiKeys.OFFSET_FETCH, 1, 3)
                .with(ApiKeys.DESCRIBE_GROUPS, 3)
                .with(ApiKeys.LIST_GROUPS, 1)
                .with(ApiKeys.CREATE_TOPICS, 3)
                .with(ApiKeys.CREATE_PARTITIONS, 1)
                .with(ApiKeys.DELETE_TOPICS, 3)
                .with(ApiKeys.DESCRIBE_CONFIGS, 2)
                .with(ApiKeys.ALTER_CONFIGS, 1)
                .with(ApiKeys.DESCRIBE_ACLS, 1)
                .with(ApiKeys.SASL_HANDSHAKE, 0);
    }

    /**
     * Every version both brokers serve: the newest drives the run, and the reading requests (metadata,
     * fetches, offsets, descriptions) are sent at each of the others as well.
     */
    static Profile everyVersion(Map<ApiKeys, short[]> chippyRanges, Map<ApiKeys, short[]> kafkaRanges) {
        Profile every = new Profile("every-version", READ_UNCOMMITTED);
        chippyRanges.forEach((api, range) -> {
            short[] theirs = kafkaRanges.get(api);
            if (theirs == null) {
                return;
            }
            int lowest = Math.max(Math.max(range[0], theirs[0]), api.messageType.lowestSupportedVersion());
            int highest = Math.min(range[1], theirs[1]);
            if (lowest > highest) {
                return;
            }
            int[] versions = new int[highest - lowest + 1];
            for (int i = 0; i < versions.length; ++i) {
                versions[i] = highest - i;
            }
            every.with(api, versions);
        });
        return every;
    }

    /** The Java client 4.4: the newest version both brokers advertise, for every API chippy serves. */
    static Profile javaClient(Map<ApiKeys, short[]> chippyRanges, Map<ApiKeys, short[]> kafkaRanges) {
        Profile java = new Profile("java", READ_UNCOMMITTED);
        chippyRanges.forEach((api, range) -> {
            short[] theirs = kafkaRanges.get(api);
            if (theirs != null && theirs[0] <= range[1]) {
                java.with(api, Math.min(range[1], theirs[1]));
            }
        });
        return java;
    }
}
