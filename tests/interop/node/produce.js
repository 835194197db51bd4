'use strict';

// An idempotent KafkaJS producer (acks -1) sends keyed records with headers, plain and
// gzip-compressed; a consumer reads them back from the beginning.
const { CompressionTypes } = require('kafkajs');
const { client, within, waitFor, run, named } = require('./common');

const kTopic = named('kjs-orders');
const kPerBatch = 10;

function orders(from, count) {
    return Array.from({ length: count }, (_, i) => ({
        key: `till-${(from + i) % 3}`,
        value: `order ${from + i}`,
        headers: { shop: 'chippy', seq: String(from + i) },
    }));
}

run(async (bootstrap) => {
    const kafka = client(bootstrap, 'kjs-till');
    const admin = kafka.admin();
    await within('admin connect', admin.connect());
    await within('createTopics',
        admin.createTopics({
            waitForLeaders: true,
            topics: [{ topic: kTopic, numPartitions: 3 }],
        }));
    await admin.disconnect();

    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await within('producer connect', producer.connect());
    const plain = await within('send plain',
        producer.send({ topic: kTopic, acks: -1, messages: orders(0, kPerBatch) }));
    const gzip = await within('send gzip',
        producer.send({
            topic: kTopic,
            acks: -1,
            compression: CompressionTypes.GZIP,
            messages: orders(kPerBatch, kPerBatch),
        }));
    const batch = await within('sendBatch',
        producer.sendBatch({
            acks: -1,
            compression: CompressionTypes.GZIP,
            topicMessages: [{ topic: kTopic, messages: orders(2 * kPerBatch, kPerBatch) }],
        }));
    await producer.disconnect();
    const acked = [...plain, ...gzip, ...batch];

    const consumer = kafka.consumer({ groupId: named('kjs-orders-reader'), heartbeatInterval: 500 });
    await within('consumer connect', consumer.connect());
    await within('subscribe', consumer.subscribe({ topics: [kTopic], fromBeginning: true }));
    const consumed = [];
    await consumer.run({
        eachMessage: async ({ partition, message }) => {
            consumed.push({
                partition,
                offset: Number(message.offset),
                key: message.key.toString(),
                value: message.value.toString(),
                headers: Object.fromEntries(
                    Object.entries(message.headers).map(([k, v]) => [k, v.toString()])),
            });
        },
    });
    await waitFor('all records consumed', () => consumed.length >= 3 * kPerBatch, 60000);
    await consumer.disconnect();

    // The broker has no transactions: a transactional producer is refused at once.
    const transactional = kafka.producer({
        transactionalId: named('kjs-till-tx'),
        maxInFlightRequests: 1,
    });
    await within('transactional connect', transactional.connect());
    const transactionRefusal = await within('transaction',
        transactional.transaction().then(() => 'accepted', (error) => error.type));
    await transactional.disconnect();

    const byKey = {};
    for (const c of consumed) {
        (byKey[c.key] = byKey[c.key] || new Set()).add(c.partition);
    }
    return {
        ackErrors: acked.filter((r) => r.errorCode !== 0).length,
        consumed: consumed.map((c) => c.value).sort(),
        headersMatch: consumed.every(
            (c) => c.headers.shop === 'chippy' && `order ${c.headers.seq}` === c.value),
        keysStayOnOnePartition: Object.values(byKey).every((s) => s.size === 1),
        keys: Object.keys(byKey).sort(),
        transactionRefusal,
    };
});
