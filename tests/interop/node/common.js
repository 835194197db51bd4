'use strict';

// Shared set-up for the KafkaJS scripts: one client per bootstrap address, logs on stderr
// so stdout carries only the JSON result.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
const { Kafka, logLevel } = require('kafkajs');

const kStepTimeoutMs = 30000;

function stderrLogger() {
    return ({ namespace, level, label, log }) => {
        const { message, ...extra } = log;
        process.stderr.write(`${label} [${namespace}] ${message} ${JSON.stringify(extra)}\n`);
    };
}

function client(bootstrap, clientId) {
    return new Kafka({
        clientId,
        brokers: [bootstrap],
        logLevel: process.env.KAFKAJS_DEBUG ? logLevel.DEBUG : logLevel.WARN,
        logCreator: stderrLogger,
        connectionTimeout: 10000,
        requestTimeout: kStepTimeoutMs,
        retry: { retries: 3, initialRetryTime: 200 },
    });
}

// Fails a step that does not settle in time instead of hanging the script.
function within(what, promise, ms = kStepTimeoutMs) {
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function waitFor(what, predicate, ms = kStepTimeoutMs) {
    const start = Date.now();
    while (!(await predicate())) {
        if (Date.now() - start > ms) {
            throw new Error(`${what}: not reached within ${ms} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}

// A topic or group name made unique by the script's optional second argument, so that runs
// on a shared Kafka keep apart.
function named(name) {
    return name + (process.argv[3] || '');
}

// Runs main(bootstrap), prints its result as JSON and exits 0, or prints the error and exits 1.
function run(main) {
    const bootstrap = process.argv[2];
    if (!bootstrap) {
        process.stderr.write('usage: node <script>.js HOST:PORT [NAME-SUFFIX]\n');
        process.exit(2);
    }
    main(bootstrap).then(
        (result) => {
            process.stdout.write(JSON.stringify(result) + '\n');
            process.exit(0);
        },
        (error) => {
            process.stderr.write(`FAILED: ${error && error.stack ? error.stack : error}\n`);
            process.exit(1);
        });
}

module.exports = { client, within, waitFor, run, named };
