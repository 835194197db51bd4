#include "batch_builder.h"
#include "broker_fixture.h"
#include "fault_proxy.h"
#include "process_runner.h"
#include "protocol/error_code.h"
#include "protocol/reader.h"
#include "rdkafka_admin.h"
#include "test_cluster.h"
#include "wire_client.h"

#include <QTest>

#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <vector>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::code;
using chippy::broker::ErrorCode;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr int kRecords = 10000;
constexpr int kPartitions = 3;
constexpr int kKeys = 10;
constexpr int kDeliveryTimeoutMs = 90000;
constexpr int kWatermarkTimeoutMs = 10000;
constexpr int kProduceResponsesBeforeCut = 5;
constexpr std::int16_t kProduceVersion = 7;
constexpr std::int16_t kInitProducerIdVersion = 4;

struct Delivery
{
    int index = -1;
    std::int32_t partition = -1;
    std::int64_t offset = -1;
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
{
    auto *deliveries = static_cast<std::vector<Delivery> *>(opaque);
    deliveries->push_back({static_cast<int>(reinterpret_cast<std::intptr_t>(m->_private)),
        m->partition, m->offset, m->err});
}

struct RdKafkaDeleter
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
using RdKafka = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;

RdKafka makeProducer(const std::map<std::string, std::string> &settings,
    std::vector<Delivery> *deliveries, QString &error)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    for (const auto &[key, value] : settings) {
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr)
            != RD_KAFKA_CONF_OK) {
            error = QString::fromUtf8(errstr);
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    if (deliveries) {
        rd_kafka_conf_set_dr_msg_cb(conf, &onDelivery);
        rd_kafka_conf_set_opaque(conf, deliveries);
    }
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        error = QString::fromUtf8(errstr);
    }
    return RdKafka(rk);
}

std::string keyOf(int index)
{
    return "queue-" + std::to_string(index % kKeys);
}

std::string valueOf(int index)
{
    return "order-" + std::to_string(index);
}

// What a broker said to a Produce v7 with one batch for partition 0.
struct ProduceAnswer
{
    static constexpr std::int16_t kNoAnswer = INT16_MIN;

    std::int16_t error = kNoAnswer;
    std::int64_t baseOffset = -1;
    std::int64_t logAppendTimeMs = -1;
};

ProduceAnswer produceRaw(
    WireClient &client, const std::string &topic, const std::vector<std::uint8_t> &batch)
{
    Writer w;
    w.nullString(); // transactional id
    w.i16(-1); // acks=all
    w.i32(30000);
    w.arrayLength(1);
    w.string(topic);
    w.arrayLength(1);
    w.i32(0);
    w.bytes(batch);
    ProduceAnswer a;
    const auto reply = client.call(ApiKey::Produce, kProduceVersion, std::move(w));
    if (!reply) {
        return a;
    }
    Reader r(*reply);
    if (r.arrayLength() != 1) {
        return a;
    }
    r.string();
    if (r.arrayLength() != 1) {
        return a;
    }
    r.i32();
    a.error = r.i16();
    a.baseOffset = r.i64();
    a.logAppendTimeMs = r.i64();
    return a;
}

struct InitAnswer
{
    std::int16_t error = ProduceAnswer::kNoAnswer;
    std::int64_t producerId = -1;
    std::int16_t epoch = -1;
};

InitAnswer initProducerIdRaw(WireClient &client, std::optional<std::string> transactionalId,
    std::int64_t producerId = -1, std::int16_t epoch = -1)
{
    Writer w(true);
    w.nullableString(transactionalId);
    w.i32(60000);
    w.i64(producerId);
    w.i16(epoch);
    w.tags();
    InitAnswer a;
    const auto reply = client.call(ApiKey::InitProducerId, kInitProducerIdVersion, std::move(w));
    if (!reply) {
        return a;
    }
    Reader r(*reply, true);
    r.i32(); // throttle time
    a.error = r.i16();
    a.producerId = r.i64();
    a.epoch = r.i16();
    return a;
}

} // namespace

// The idempotent producer: librdkafka with enable.idempotence against the embedded broker
// and (tst_idempotent_producer_on_kafka) Apache Kafka; on the embedded broker also with
// connections cut while produce requests are in flight, across a restart, and with retries
// sent by hand.
class TestIdempotentProducer : public QObject
{
    Q_OBJECT

private:
    // The tests that need the embedded broker itself skip on Apache Kafka, saying why.
    static constexpr const char *kRawWire
        = "sends hand-built produce requests to the embedded broker's own port";

    // Produces kRecords keyed records and waits until every one is acknowledged.
    void produceAll(
        const std::string &bootstrap, const std::string &topic, std::vector<Delivery> &deliveries)
    {
        QString error;
        auto producer = makeProducer(
            {{"bootstrap.servers", bootstrap}, {"enable.idempotence", "true"}, {"acks", "all"},
                {"linger.ms", "5"}, {"batch.num.messages", "50"}, {"reconnect.backoff.ms", "10"},
                {"reconnect.backoff.max.ms", "100"}, {"retry.backoff.ms", "10"}},
            &deliveries, error);
        QVERIFY2(producer, qPrintable(error));
        for (int i = 0; i < kRecords; ++i) {
            const auto key = keyOf(i);
            const auto value = valueOf(i);
            const auto err = rd_kafka_producev(producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
                RD_KAFKA_V_KEY(key.data(), key.size()),
                RD_KAFKA_V_VALUE(const_cast<char *>(value.data()), value.size()),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_OPAQUE(reinterpret_cast<void *>(std::intptr_t(i))), RD_KAFKA_V_END);
            QCOMPARE(err, RD_KAFKA_RESP_ERR_NO_ERROR);
            rd_kafka_poll(producer.get(), 0);
        }
        QTRY_COMPARE_WITH_TIMEOUT((rd_kafka_poll(producer.get(), 10), deliveries.size()),
            std::size_t(kRecords), kDeliveryTimeoutMs);
        char fatal[512];
        QCOMPARE(
            rd_kafka_fatal_error(producer.get(), fatal, sizeof fatal), RD_KAFKA_RESP_ERR_NO_ERROR);
    }

    // Every record acknowledged once, at offsets that run 0, 1, 2... per partition in
    // production order, and the partition at `bootstrap` holds exactly those.
    void verifyExactlyOnceInOrder(const std::string &bootstrap, const std::string &topic,
        const std::vector<Delivery> &deliveries)
    {
        RdKafkaAdmin client(bootstrap);
        std::map<std::int32_t, std::vector<Delivery>> byPartition;
        for (const auto &d : deliveries) {
            QVERIFY2(d.error == RD_KAFKA_RESP_ERR_NO_ERROR, rd_kafka_err2str(d.error));
            byPartition[d.partition].push_back(d);
        }
        QCOMPARE(byPartition.size(), std::size_t(kPartitions));
        for (auto &[partition, list] : byPartition) {
            std::sort(list.begin(), list.end(),
                [](const Delivery &a, const Delivery &b) { return a.index < b.index; });
            for (std::size_t i = 0; i < list.size(); ++i) {
                QCOMPARE(list[i].offset, std::int64_t(i));
            }
            std::int64_t low = -1;
            std::int64_t high = -1;
            QCOMPARE(rd_kafka_query_watermark_offsets(client.handle(), topic.c_str(), partition,
                         &low, &high, kWatermarkTimeoutMs),
                RD_KAFKA_RESP_ERR_NO_ERROR);
            QCOMPARE(high, std::int64_t(list.size()));
        }
        // Read back with an independent client, from the broker itself.
        const auto r = runProcess(QStringLiteral("kcat"),
            {"-b", QString::fromStdString(bootstrap), "-C", "-t", QString::fromStdString(topic),
                "-o", "beginning", "-e", "-f", "%p %s\\n"},
            {}, 60000);
        QCOMPARE(r.exitCode, 0);
        std::map<std::int32_t, std::vector<QByteArray>> read;
        for (const auto &line : r.out.trimmed().split('\n')) {
            const auto parts = line.split(' ');
            QCOMPARE(parts.size(), 2);
            read[parts[0].toInt()].push_back(parts[1]);
        }
        for (const auto &[partition, list] : byPartition) {
            const auto &values = read[partition];
            QCOMPARE(values.size(), list.size());
            for (std::size_t i = 0; i < list.size(); ++i) {
                QCOMPARE(values[i], QByteArray::fromStdString(valueOf(list[i].index)));
            }
        }
    }

    std::int64_t logEndOffset(const std::string &topic, std::size_t partition)
    {
        for (const auto &t : m_broker->broker().snapshot().topics) {
            if (t.name == topic && partition < t.partitions.size()) {
                return t.partitions[partition].logEndOffset;
            }
        }
        return -1;
    }

    std::unique_ptr<BrokerFixture> m_broker;
    std::unique_ptr<TestCluster> m_cluster;

private slots:
    void cleanup()
    {
        m_broker.reset();
        m_cluster.reset();
    }

    void librdkafkaStoresTenThousandRecordsExactlyOnceInOrder()
    {
        m_cluster = std::make_unique<TestCluster>();
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
        const auto topic = m_cluster->name("ORDER").toStdString();
        {
            RdKafkaAdmin admin(m_cluster->bootstrapStd());
            const auto created = admin.createTopic(topic, kPartitions, 1);
            QVERIFY2(created.error == RD_KAFKA_RESP_ERR_NO_ERROR, qPrintable(created.message));
        }
        std::vector<Delivery> deliveries;
        produceAll(m_cluster->bootstrapStd(), topic, deliveries);
        verifyExactlyOnceInOrder(m_cluster->bootstrapStd(), topic, deliveries);
    }

    void recordsAreStoredOnceWhenConnectionsAreCutMidFlight()
    {
        if (onApacheKafka()) {
            QSKIP("the fault proxy needs a broker that advertises the proxy's port, which the "
                  "shared Apache Kafka does not");
        }
        FaultProxy proxy(static_cast<std::int16_t>(ApiKey::Produce), kProduceResponsesBeforeCut);
        const auto proxyPort = proxy.listen();
        QVERIFY(proxyPort != 0);
        chippy::broker::BrokerConfig config;
        config.defaultPartitions = kPartitions;
        config.advertisedPort = proxyPort;
        m_broker = std::make_unique<BrokerFixture>(false, config);
        proxy.setUpstreamPort(m_broker->broker().port());

        std::vector<Delivery> deliveries;
        produceAll("127.0.0.1:" + std::to_string(proxyPort), "COOK", deliveries);
        // Each cut swallowed the answer to a produce request the broker had stored, so the
        // producer sent it again.
        QVERIFY2(proxy.cuts() >= 3, qPrintable(QString::number(proxy.cuts())));
        verifyExactlyOnceInOrder(m_broker->bootstrapStd(), "COOK", deliveries);
    }

    void aRepeatedProduceRequestIsAcknowledgedAtItsFirstOffsetAndStoredOnce()
    {
        if (onApacheKafka()) {
            QSKIP(kRawWire);
        }
        m_broker = std::make_unique<BrokerFixture>();
        WireClient client;
        QVERIFY(client.connectTo(m_broker->broker().port()));
        QVERIFY(client.createTopic("READY"));
        const auto grant = initProducerIdRaw(client, std::nullopt);
        QCOMPARE(grant.error, std::int16_t(0));
        QVERIFY(grant.producerId >= 0);
        QCOMPARE(grant.epoch, std::int16_t(0));

        const auto first = buildBatch({{"k", "cod", 1}, {"k", "chips", 2}}, grant.producerId, 0, 0);
        const auto second = buildBatch({{"k", "plaice", 3}}, grant.producerId, 0, 2);
        const auto stored = produceRaw(client, "READY", first);
        QCOMPARE(stored.baseOffset, 0);
        QCOMPARE(stored.logAppendTimeMs, -1); // the topic keeps CreateTime
        QCOMPARE(produceRaw(client, "READY", second).baseOffset, 2);
        const auto retried = produceRaw(client, "READY", first);
        QCOMPARE(retried.error, std::int16_t(0));
        QCOMPARE(retried.baseOffset, 0);
        // As Kafka answers a duplicate: with the max timestamp of the batch it stored.
        QCOMPARE(retried.logAppendTimeMs, 2);
        QCOMPARE(logEndOffset("READY", 0), 3);
    }

    void aRetryAfterABrokerRestartIsStillRecognised()
    {
        if (onApacheKafka()) {
            QSKIP("restarts the embedded broker, which the shared Apache Kafka is not");
        }
        m_broker = std::make_unique<BrokerFixture>(true);
        std::int64_t id = -1;
        const auto first = [&] {
            return buildBatch({{"k", "cod", 1}, {"k", "chips", 2}}, id, 0, 0);
        };
        {
            WireClient client;
            QVERIFY(client.connectTo(m_broker->broker().port()));
            QVERIFY(client.createTopic("READY"));
            id = initProducerIdRaw(client, std::nullopt).producerId;
            QCOMPARE(produceRaw(client, "READY", buildBatch({{"k", "haddock", 0}})).baseOffset, 0);
            QCOMPARE(produceRaw(client, "READY", first()).baseOffset, 1);
        }
        m_broker->restart();
        WireClient client;
        QVERIFY(client.connectTo(m_broker->broker().port()));
        const auto retried = produceRaw(client, "READY", first());
        QCOMPARE(retried.error, std::int16_t(0));
        QCOMPARE(retried.baseOffset, 1);
        QCOMPARE(logEndOffset("READY", 0), 3);
        const auto skipped = produceRaw(client, "READY", buildBatch({{"k", "x", 3}}, id, 0, 5));
        QCOMPARE(skipped.error, code(ErrorCode::OutOfOrderSequenceNumber));
        QCOMPARE(
            produceRaw(client, "READY", buildBatch({{"k", "peas", 3}}, id, 0, 2)).baseOffset, 3);
        // A new producer never gets an id the log already holds.
        QVERIFY(initProducerIdRaw(client, std::nullopt).producerId > id);
    }

    void aSkippedSequenceIsRefusedAsOutOfOrder()
    {
        if (onApacheKafka()) {
            QSKIP(kRawWire);
        }
        m_broker = std::make_unique<BrokerFixture>();
        WireClient client;
        QVERIFY(client.connectTo(m_broker->broker().port()));
        QVERIFY(client.createTopic("READY"));
        const auto id = initProducerIdRaw(client, std::nullopt).producerId;
        QCOMPARE(produceRaw(client, "READY", buildBatch({{"k", "a", 1}}, id, 0, 0)).error, 0);
        const auto skipped = produceRaw(client, "READY", buildBatch({{"k", "c", 1}}, id, 0, 2));
        QCOMPARE(skipped.error, code(ErrorCode::OutOfOrderSequenceNumber));
        QCOMPARE(logEndOffset("READY", 0), 1);
    }

    void aBumpedEpochFencesTheOldOne()
    {
        if (onApacheKafka()) {
            QSKIP(kRawWire);
        }
        m_broker = std::make_unique<BrokerFixture>();
        WireClient client;
        QVERIFY(client.connectTo(m_broker->broker().port()));
        QVERIFY(client.createTopic("READY"));
        const auto id = initProducerIdRaw(client, std::nullopt).producerId;
        QCOMPARE(produceRaw(client, "READY", buildBatch({{"k", "a", 1}}, id, 0, 0)).error, 0);

        const auto bumped = initProducerIdRaw(client, std::nullopt, id, 0);
        QCOMPARE(bumped.error, std::int16_t(0));
        QCOMPARE(bumped.producerId, id);
        QCOMPARE(bumped.epoch, std::int16_t(1));

        const auto zombie = produceRaw(client, "READY", buildBatch({{"k", "b", 1}}, id, 0, 1));
        QCOMPARE(zombie.error, code(ErrorCode::InvalidProducerEpoch));
        const auto fresh = produceRaw(client, "READY", buildBatch({{"k", "b", 1}}, id, 1, 0));
        QCOMPARE(fresh.error, std::int16_t(0));
        QCOMPARE(fresh.baseOffset, 1);

        const auto stale = initProducerIdRaw(client, std::nullopt, id, 0);
        QCOMPARE(stale.error, code(ErrorCode::ProducerFenced));
    }

    void initProducerIdV0GrantsIdsToo()
    {
        if (onApacheKafka()) {
            QSKIP(kRawWire);
        }
        m_broker = std::make_unique<BrokerFixture>();
        WireClient client;
        QVERIFY(client.connectTo(m_broker->broker().port()));
        std::vector<std::int64_t> ids;
        for (int i = 0; i < 2; ++i) {
            Writer w;
            w.nullString();
            w.i32(60000);
            const auto reply = client.call(ApiKey::InitProducerId, 0, std::move(w));
            QVERIFY(reply);
            Reader r(*reply);
            r.i32(); // throttle time
            QCOMPARE(r.i16(), 0);
            ids.push_back(r.i64());
            QCOMPARE(r.i16(), 0); // epoch
            QVERIFY(r.atEnd());
        }
        QVERIFY(ids[0] >= 0);
        QVERIFY(ids[1] != ids[0]);
    }

    void aTransactionalIdIsRefusedWithAnAuthorizationError()
    {
        if (onApacheKafka()) {
            QSKIP(kRawWire);
        }
        m_broker = std::make_unique<BrokerFixture>();
        WireClient client;
        QVERIFY(client.connectTo(m_broker->broker().port()));
        const auto answer = initProducerIdRaw(client, std::string("till-1"));
        QCOMPARE(answer.error, code(ErrorCode::TransactionalIdAuthorizationFailed));
        QCOMPARE(answer.producerId, -1);
    }

    void librdkafkaTransactionsFailAtOnceWithAFatalError()
    {
        if (onApacheKafka()) {
            QSKIP("Apache Kafka serves transactions; only the embedded broker refuses them");
        }
        m_broker = std::make_unique<BrokerFixture>();
        QString error;
        auto producer = makeProducer(
            {{"bootstrap.servers", m_broker->bootstrapStd()}, {"transactional.id", "till-1"}},
            nullptr, error);
        QVERIFY2(producer, qPrintable(error));
        rd_kafka_error_t *failure = rd_kafka_init_transactions(producer.get(), 30000);
        QVERIFY(failure);
        const bool fatal = rd_kafka_error_is_fatal(failure);
        const auto code = rd_kafka_error_code(failure);
        const QString text = QString::fromUtf8(rd_kafka_error_string(failure));
        rd_kafka_error_destroy(failure);
        QVERIFY2(fatal, qPrintable(text));
        QCOMPARE(code, RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    }
};

QTEST_GUILESS_MAIN(TestIdempotentProducer)
#include "tst_idempotent_producer.moc"
