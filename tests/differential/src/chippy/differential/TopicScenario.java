package chippy.differential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;

/** Topics made, described, grown and configured, with the usual mistakes made on purpose. */
final class TopicScenario {
    private static final int TIMEOUT_MS = 10000;
    private static final byte TOPIC_RESOURCE = 2;
    private static final byte SET = 0;
    private static final short FIRST_NO_AUTO_CREATE_METADATA = 4;
    private static final int PARTITIONS_A = 3;
    private static final int PARTITIONS_A_GROWN = 4;
    private static final List<String> DESCRIBED_CONFIGS = List.of("cleanup.policy", "retention.ms",
            "retention.bytes", "max.message.bytes", "segment.bytes", "compression.type",
            "message.timestamp.type", "min.insync.replicas");

    private final Scenarios s;
    private final Suite suite;

    TopicScenario(Scenarios scenarios) {
        s = scenarios;
        suite = scenarios.suite;
    }

    void run() throws IOException {
        createTopics();
        metadata();
        createPartitions();
        configs();
    }

    private void createTopics() throws IOException {
        short v = s.v(ApiKeys.CREATE_TOPICS);
        String step = s.step("create topics");
        suite.exchange(step, ApiKeys.CREATE_TOPICS, v, createRequest(false, topic(s.topicA, PARTITIONS_A),
                topic(s.topicB, 1).setConfigs(configs("max.message.bytes", "1024"))));
        s.settle(s.topicA, PARTITIONS_A);
        s.settle(s.topicB, 1);
        suite.exchange(s.step("create an existing topic"), ApiKeys.CREATE_TOPICS, v,
                createRequest(false, topic(s.topicA, PARTITIONS_A)));
        suite.exchange(s.step("create topics with mistakes"), ApiKeys.CREATE_TOPICS, v, createRequest(false,
                topic(s.unknownTopic + "-bad-config", 1).setConfigs(configs("cleanup.policy", "sometimes")),
                topic(s.unknownTopic + "-no-partitions", 0),
                topic(s.unknownTopic + "-three-replicas", 1).setReplicationFactor((short) 3),
                topic(s.unknownTopic + "-bad-name!", 1)));
        suite.exchange(s.step("create topics, validate only"), ApiKeys.CREATE_TOPICS, v,
                createRequest(true, topic(s.unknownTopic + "-validated", 2)));
    }

    private static CreateTopicsRequestData createRequest(boolean validateOnly,
            CreateTopicsRequestData.CreatableTopic... topics) {
        CreateTopicsRequestData request = new CreateTopicsRequestData().setTimeoutMs(TIMEOUT_MS)
                .setValidateOnly(validateOnly);
        for (CreateTopicsRequestData.CreatableTopic topic : topics) {
            request.topics().add(topic);
        }
        return request;
    }

    private static CreateTopicsRequestData.CreatableTopic topic(String name, int partitions) {
        return new CreateTopicsRequestData.CreatableTopic().setName(name).setNumPartitions(partitions)
                .setReplicationFactor((short) 1);
    }

    private static CreateTopicsRequestData.CreatableTopicConfigCollection configs(String name, String value) {
        CreateTopicsRequestData.CreatableTopicConfigCollection configs =
                new CreateTopicsRequestData.CreatableTopicConfigCollection();
        configs.add(new CreateTopicsRequestData.CreatableTopicConfig().setName(name).setValue(value));
        return configs;
    }

    private void metadata() {
        for (short v : s.profile.all(ApiKeys.METADATA)) {
            // Before v4 a Metadata request creates the unknown topics it names, on both brokers.
            boolean mayRefuseCreation = v >= FIRST_NO_AUTO_CREATE_METADATA;
            List<MetadataRequestData.MetadataRequestTopic> topics = new ArrayList<>();
            for (String name : mayRefuseCreation ? List.of(s.topicA, s.topicB, s.unknownTopic)
                    : List.of(s.topicA, s.topicB)) {
                topics.add(new MetadataRequestData.MetadataRequestTopic().setName(name));
            }
            MetadataRequestData request = new MetadataRequestData().setTopics(topics);
            if (mayRefuseCreation) {
                request.setAllowAutoTopicCreation(false);
            }
            suite.exchange(s.step("metadata of our topics and an unknown one"), ApiKeys.METADATA, v, request);
        }
    }

    private void createPartitions() throws IOException {
        if (!s.uses(ApiKeys.CREATE_PARTITIONS)) {
            return;
        }
        short v = s.v(ApiKeys.CREATE_PARTITIONS);
        suite.exchange(s.step("create partitions"), ApiKeys.CREATE_PARTITIONS, v,
                partitionsRequest(s.topicA, PARTITIONS_A_GROWN));
        s.settle(s.topicA, PARTITIONS_A_GROWN);
        suite.exchange(s.step("shrink partitions"), ApiKeys.CREATE_PARTITIONS, v,
                partitionsRequest(s.topicA, 2));
        suite.exchange(s.step("create partitions: same count"), ApiKeys.CREATE_PARTITIONS, v,
                partitionsRequest(s.topicB, 1));
        suite.exchange(s.step("create partitions of an unknown topic"), ApiKeys.CREATE_PARTITIONS, v,
                partitionsRequest(s.unknownTopic, 2));
    }

    private static CreatePartitionsRequestData partitionsRequest(String topic, int count) {
        CreatePartitionsRequestData request = new CreatePartitionsRequestData().setTimeoutMs(TIMEOUT_MS);
        request.topics().add(new CreatePartitionsRequestData.CreatePartitionsTopic().setName(topic)
                .setCount(count).setAssignments(null));
        return request;
    }

    private void configs() {
        short describe = s.v(ApiKeys.DESCRIBE_CONFIGS);
        List<DescribeConfigsRequestData.DescribeConfigsResource> resources = new ArrayList<>();
        for (String topic : List.of(s.topicA, s.topicB, s.unknownTopic)) {
            resources.add(new DescribeConfigsRequestData.DescribeConfigsResource().setResourceType(TOPIC_RESOURCE)
                    .setResourceName(topic).setConfigurationKeys(new ArrayList<>(DESCRIBED_CONFIGS)));
        }
        for (short v : s.profile.all(ApiKeys.DESCRIBE_CONFIGS)) {
            suite.exchange(s.step("describe topic configs"), ApiKeys.DESCRIBE_CONFIGS, v,
                    new DescribeConfigsRequestData().setResources(resources));
        }

        short alter = s.v(ApiKeys.ALTER_CONFIGS);
        suite.exchange(s.step("alter configs"), ApiKeys.ALTER_CONFIGS, alter,
                alterRequest(s.topicB, "retention.ms", "86400000"));
        suite.exchange(s.step("alter configs: invalid value"), ApiKeys.ALTER_CONFIGS, alter,
                alterRequest(s.topicB, "retention.ms", "a while"));
        suite.exchange(s.step("alter configs: unknown name"), ApiKeys.ALTER_CONFIGS, alter,
                alterRequest(s.topicB, "no.such.config", "1"));
        suite.exchange(s.step("alter configs of an unknown topic"), ApiKeys.ALTER_CONFIGS, alter,
                alterRequest(s.unknownTopic, "retention.ms", "1000"));

        if (s.uses(ApiKeys.INCREMENTAL_ALTER_CONFIGS)) {
            short incremental = s.v(ApiKeys.INCREMENTAL_ALTER_CONFIGS);
            suite.exchange(s.step("incremental alter configs"), ApiKeys.INCREMENTAL_ALTER_CONFIGS, incremental,
                    incrementalRequest(s.topicB, "retention.ms", "172800000"));
            suite.exchange(s.step("incremental alter configs: invalid value"), ApiKeys.INCREMENTAL_ALTER_CONFIGS,
                    incremental, incrementalRequest(s.topicB, "cleanup.policy", "sometimes"));
            suite.exchange(s.step("incremental alter configs: unknown name"), ApiKeys.INCREMENTAL_ALTER_CONFIGS,
                    incremental, incrementalRequest(s.topicB, "no.such.config", "1"));
        }
        suite.exchange(s.step("describe topic configs after altering"), ApiKeys.DESCRIBE_CONFIGS, describe,
                new DescribeConfigsRequestData().setResources(List.of(
                        new DescribeConfigsRequestData.DescribeConfigsResource().setResourceType(TOPIC_RESOURCE)
                                .setResourceName(s.topicB)
                                .setConfigurationKeys(new ArrayList<>(DESCRIBED_CONFIGS)))));
    }

    private static AlterConfigsRequestData alterRequest(String topic, String name, String value) {
        AlterConfigsRequestData.AlterableConfigCollection configs =
                new AlterConfigsRequestData.AlterableConfigCollection();
        configs.add(new AlterConfigsRequestData.AlterableConfig().setName(name).setValue(value));
        AlterConfigsRequestData request = new AlterConfigsRequestData();
        request.resources().add(new AlterConfigsRequestData.AlterConfigsResource().setResourceType(TOPIC_RESOURCE)
                .setResourceName(topic).setConfigs(configs));
        return request;
    }

    private static IncrementalAlterConfigsRequestData incrementalRequest(String topic, String name, String value) {
        IncrementalAlterConfigsRequestData.AlterableConfigCollection configs =
                new IncrementalAlterConfigsRequestData.AlterableConfigCollection();
        configs.add(new IncrementalAlterConfigsRequestData.AlterableConfig().setName(name)
                .setConfigOperation(SET).setValue(value));
        IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData();
        request.resources().add(new IncrementalAlterConfigsRequestData.AlterConfigsResource()
                .setResourceType(TOPIC_RESOURCE).setResourceName(topic).setConfigs(configs));
        return request;
    }

    /** The last step of a client's run: its topics deleted, and one that does not exist. */
    void deleteTopics() throws IOException {
        short v = s.v(ApiKeys.DELETE_TOPICS);
        DeleteTopicsRequestData request = new DeleteTopicsRequestData().setTimeoutMs(TIMEOUT_MS);
        for (String name : List.of(s.topicA, s.topicB, s.unknownTopic)) {
            if (v >= 6) {
                request.topics().add(new DeleteTopicsRequestData.DeleteTopicState().setName(name));
            } else {
                request.topicNames().add(name);
            }
        }
        suite.exchange(s.step("delete topics"), ApiKeys.DELETE_TOPICS, v, request);
        s.settle(s.topicA, 0);
        s.settle(s.topicB, 0);
    }
}
