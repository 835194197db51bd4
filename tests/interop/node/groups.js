'use strict';

// Two KafkaJS consumers in one group share a 4-partition topic, read everything from the
// beginning and commit; one leaves and the other takes over all partitions. Records sent
// after the split go to both members, each reading only its own partitions.
const { client, within, waitFor, run, named } = require('./common');

const kTopic = named('kjs-queue');
const kGroup = named('kjs-fryers');
const kPartitions = 4;
const kRecords = 40;
const kShared = 40;
const kMore = 8;
const kGroupDeadlineMs = 60000;

function orders(prefix, count) {
    return Array.from({ length: count }, (_, i) => ({
        partition: i % kPartitions,
        value: `${prefix} ${i}`,
    }));
}

function member(kafka, name) {
    const consumer = kafka.consumer({
        groupId: kGroup,
        sessionTimeout: 10000,
        rebalanceTimeout: 20000,
        heartbeatInterval: 300,
    });
    const state = { name, consumer, assigned: [], consumed: [] };
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
        state.assigned = (e.payload.memberAssignment[kTopic] || []).slice().sort();
    });
    return state;
}

async function start(m) {
    await within(`${m.name} connect`, m.consumer.connect());
    await within(`${m.name} subscribe`,
        m.consumer.subscribe({ topics: [kTopic], fromBeginning: true }));
    await m.consumer.run({
        autoCommitInterval: 200,
        eachMessage: async ({ partition, message }) => {
            m.consumed.push({ partition, value: message.value.toString() });
        },
    });
}

run(async (bootstrap) => {
    const kafka = client(bootstrap, 'kjs-groups');
    const admin = kafka.admin();
    await within('admin connect', admin.connect());
    await within('createTopics',
        admin.createTopics({
            waitForLeaders: true,
            topics: [{ topic: kTopic, numPartitions: kPartitions }],
        }));

    const producer = kafka.producer();
    await within('producer connect', producer.connect());
    await within('send',
        producer.send({
            topic: kTopic,
            acks: -1,
            messages: orders('order', kRecords),
        }));

    const first = member(kafka, 'first');
    const second = member(kafka, 'second');
    const committedEverywhere = (perPartition) => async () => {
        const offsets = await admin.fetchOffsets({ groupId: kGroup, topics: [kTopic] });
        return offsets[0].partitions.every((p) => Number(p.offset) === perPartition);
    };

    await start(first);
    await waitFor('all records consumed', () => first.consumed.length >= kRecords,
        kGroupDeadlineMs);
    await waitFor('first offsets committed', committedEverywhere(kRecords / kPartitions),
        kGroupDeadlineMs);
    await start(second);
    await waitFor('both members hold two partitions',
        () => first.assigned.length === 2 && second.assigned.length === 2, kGroupDeadlineMs);
    const split = [first.assigned, second.assigned];

    await within('send shared',
        producer.send({ topic: kTopic, acks: -1, messages: orders('shared', kShared) }));
    const sharedOf = (m) => m.consumed.filter((c) => c.value.startsWith('shared '));
    await waitFor('shared records consumed',
        () => sharedOf(first).length + sharedOf(second).length >= kShared, kGroupDeadlineMs);
    const sharedByEach = [first, second].map((m) => sharedOf(m).length);
    const sharedOnOwnPartitions = [first, second].every(
        (m) => sharedOf(m).every((c) => m.assigned.includes(c.partition)));

    await waitFor('shared offsets committed',
        committedEverywhere((kRecords + kShared) / kPartitions), kGroupDeadlineMs);
    const described = await within('describeGroups', admin.describeGroups([kGroup]));
    const whileStable = {
        state: described.groups[0].state,
        protocolType: described.groups[0].protocolType,
        members: described.groups[0].members.length,
    };

    await within('first disconnect', first.consumer.disconnect());
    await waitFor('second takes over', () => second.assigned.length === kPartitions,
        kGroupDeadlineMs);

    await within('send more',
        producer.send({
            topic: kTopic,
            acks: -1,
            messages: orders('late', kMore),
        }));
    await waitFor('late records consumed by the second',
        () => second.consumed.filter((c) => c.value.startsWith('late ')).length >= kMore,
        kGroupDeadlineMs);
    await waitFor('late offsets committed',
        committedEverywhere((kRecords + kShared + kMore) / kPartitions), kGroupDeadlineMs);

    await within('second disconnect', second.consumer.disconnect());
    await producer.disconnect();
    const after = await within('describeGroups after', admin.describeGroups([kGroup]));
    await admin.disconnect();

    const all = [...first.consumed, ...second.consumed].map((c) => c.value);
    return {
        split,
        sharedByEach,
        sharedOnOwnPartitions,
        whileStable,
        stateAfter: after.groups[0].state,
        distinct: new Set(all).size,
        total: all.length,
    };
});
