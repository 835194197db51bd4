'use strict';

// KafkaJS admin client against the broker: topics, partitions, offsets, configs and groups.
const { ConfigResourceTypes } = require('kafkajs');
const { client, within, run, named } = require('./common');

const kTopic = named('kjs-admin-fries');
const kGroup = named('kjs-admin-counters');

run(async (bootstrap) => {
    const kafka = client(bootstrap, 'kjs-admin');
    const admin = kafka.admin();
    const result = {};
    await within('connect', admin.connect());

    result.created = await within('createTopics',
        admin.createTopics({
            waitForLeaders: true,
            topics: [{ topic: kTopic, numPartitions: 2, replicationFactor: 1 }],
        }));
    result.createdAgain = await within('createTopics again',
        admin.createTopics({ topics: [{ topic: kTopic, numPartitions: 2 }] }));
    result.listed = (await within('listTopics', admin.listTopics())).includes(kTopic);

    await within('createPartitions',
        admin.createPartitions({ topicPartitions: [{ topic: kTopic, count: 3 }] }));
    const metadata = await within('fetchTopicMetadata',
        admin.fetchTopicMetadata({ topics: [kTopic] }));
    result.partitions = metadata.topics[0].partitions.map((p) => p.partitionId).sort();

    const producer = kafka.producer();
    await within('producer connect', producer.connect());
    const before = Date.now();
    await within('send',
        producer.send({
            topic: kTopic,
            messages: [0, 1, 2, 3, 4].map((i) => ({ partition: i % 3, value: `cod ${i}` })),
        }));
    await producer.disconnect();

    const offsets = await within('fetchTopicOffsets', admin.fetchTopicOffsets(kTopic));
    result.offsets = Object.fromEntries(offsets.map((o) => [o.partition, [o.low, o.high]]));
    const byTime = await within('fetchTopicOffsetsByTimestamp',
        admin.fetchTopicOffsetsByTimestamp(kTopic, before - 60000));
    result.offsetsByTimestamp = Object.fromEntries(byTime.map((o) => [o.partition, o.offset]));
    const future = await within('fetchTopicOffsetsByTimestamp future',
        admin.fetchTopicOffsetsByTimestamp(kTopic, Date.now() + 3600000));
    result.offsetsInFuture = Object.fromEntries(future.map((o) => [o.partition, o.offset]));

    await within('setOffsets',
        admin.setOffsets({
            groupId: kGroup,
            topic: kTopic,
            partitions: [{ partition: 0, offset: '1' }],
        }));
    const fetched = await within('fetchOffsets',
        admin.fetchOffsets({ groupId: kGroup, topics: [kTopic] }));
    result.groupOffsets = Object.fromEntries(
        fetched[0].partitions.map((p) => [p.partition, p.offset]));
    await within('resetOffsets',
        admin.resetOffsets({ groupId: kGroup, topic: kTopic, earliest: true }));
    const reset = await within('fetchOffsets after reset',
        admin.fetchOffsets({ groupId: kGroup, topics: [kTopic] }));
    result.groupOffsetsAfterReset = Object.fromEntries(
        reset[0].partitions.map((p) => [p.partition, p.offset]));

    const groups = await within('listGroups', admin.listGroups());
    result.groupListed = groups.groups.some((g) => g.groupId === kGroup);
    const described = await within('describeGroups', admin.describeGroups([kGroup]));
    result.groupState = described.groups[0].state;

    await within('alterConfigs',
        admin.alterConfigs({
            validateOnly: false,
            resources: [{
                type: ConfigResourceTypes.TOPIC,
                name: kTopic,
                configEntries: [{ name: 'retention.ms', value: '3600000' }],
            }],
        }));
    const configs = await within('describeConfigs',
        admin.describeConfigs({
            includeSynonyms: false,
            resources: [{
                type: ConfigResourceTypes.TOPIC,
                name: kTopic,
                configNames: ['retention.ms'],
            }],
        }));
    result.retentionMs = configs.resources[0].configEntries.find(
        (e) => e.configName === 'retention.ms').configValue;

    const cluster = await within('describeCluster', admin.describeCluster());
    result.brokers = cluster.brokers.length;

    result.deletedGroups = (await within('deleteGroups', admin.deleteGroups([kGroup]))).map(
        (g) => [g.groupId, g.errorCode]);
    const afterDelete = await within('fetchOffsets after deleteGroups',
        admin.fetchOffsets({ groupId: kGroup, topics: [kTopic] }));
    result.groupOffsetsAfterDelete = Object.fromEntries(
        afterDelete[0].partitions.map((p) => [p.partition, p.offset]));

    await within('deleteTopics', admin.deleteTopics({ topics: [kTopic] }));
    result.listedAfterDelete = (await within('listTopics', admin.listTopics())).includes(kTopic);

    await admin.disconnect();
    return result;
});
