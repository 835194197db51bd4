#include "rdkafka_log_clients.h"
#include "test_cluster.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTest>

#include <librdkafka/rdkafka.h>

#include <memory>
#include <string>
#include <vector>

using namespace chippy::test;

namespace {

constexpr int kDeadlineMs = 30000;
constexpr int kPollMs = 100;

std::map<std::string, std::string> saslSettings(
    const std::string &bootstrap, const std::string &user, const std::string &password)
{
    return {{"bootstrap.servers", bootstrap}, {"security.protocol", "SASL_PLAINTEXT"},
        {"sasl.mechanism", "PLAIN"}, {"sasl.username", user}, {"sasl.password", password}};
}

struct ClientErrors
{
    std::vector<rd_kafka_resp_err_t> codes;
    std::vector<std::string> reasons;

    const char *firstReason() const { return reasons.empty() ? "" : reasons.front().c_str(); }
};

void onError(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    auto *errors = static_cast<ClientErrors *>(opaque);
    errors->codes.push_back(static_cast<rd_kafka_resp_err_t>(err));
    errors->reasons.emplace_back(reason);
}

// A client of the given type whose error callback fills errors (on the polling thread).
RdKafkaHandle makeClient(rd_kafka_type_t type, const std::map<std::string, std::string> &settings,
    ClientErrors &errors, std::string &failure)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    for (const auto &[key, value] : settings) {
        if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr)
            != RD_KAFKA_CONF_OK) {
            failure = errstr;
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    rd_kafka_conf_set_error_cb(conf, &onError);
    rd_kafka_conf_set_opaque(conf, &errors);
    rd_kafka_t *rk = rd_kafka_new(type, conf, errstr, sizeof errstr);
    if (!rk) {
        failure = errstr;
    }
    return RdKafkaHandle(rk);
}

} // namespace

// librdkafka with security.protocol=SASL_PLAINTEXT against a broker with users (the embedded
// one, and in tst_librdkafka_sasl_on_kafka Apache Kafka's SASL listener and its one user): the
// right password produces and consumes in a group, a wrong one fails fast with an
// authentication error.
class TestLibrdkafkaSasl : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestCluster> m_cluster;
    std::string kTopic;

    std::string saslBootstrap() const
    {
        return m_cluster->isApacheKafka() ? m_cluster->apacheKafka().saslBootstrap.toStdString()
                                          : m_cluster->bootstrapStd();
    }
    // Producer and consumer log in as different users where there are two.
    std::pair<std::string, std::string> producerUser() const
    {
        return m_cluster->isApacheKafka() ? kafkaUser() : std::pair {"fryer", "hot-oil"};
    }
    std::pair<std::string, std::string> consumerUser() const
    {
        return m_cluster->isApacheKafka() ? kafkaUser() : std::pair {"till", "cash"};
    }
    std::pair<std::string, std::string> kafkaUser() const
    {
        return {m_cluster->apacheKafka().saslUser.toStdString(),
            m_cluster->apacheKafka().saslPassword.toStdString()};
    }

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.saslPlainUsers = {{"fryer", "hot-oil"}, {"till", "cash"}};
        m_cluster = std::make_unique<TestCluster>(config);
        QVERIFY2(m_cluster->error().isEmpty(), qPrintable(m_cluster->error()));
        kTopic = m_cluster->name(QStringLiteral("ORDER")).toStdString();
    }

    void cleanup() { m_cluster.reset(); }

    void theRightPasswordProducesAndConsumes()
    {
        std::vector<Delivery> deliveries;
        std::string failure;
        const auto [producerName, producerPassword] = producerUser();
        auto settings = saslSettings(saslBootstrap(), producerName, producerPassword);
        auto producer = makeProducer(settings, deliveries, failure);
        QVERIFY2(producer, failure.c_str());
        const std::vector<std::string> values {"cod", "plaice", "haddock"};
        for (std::size_t i = 0; i < values.size(); ++i) {
            QVERIFY(produce(producer.get(), kTopic, "q1", values[i], std::int64_t(i)));
        }
        QCOMPARE(rd_kafka_flush(producer.get(), kDeadlineMs), RD_KAFKA_RESP_ERR_NO_ERROR);
        QCOMPARE(deliveries.size(), values.size());
        for (const auto &d : deliveries) {
            QCOMPARE(d.error, RD_KAFKA_RESP_ERR_NO_ERROR);
        }

        ClientErrors errors;
        const auto [consumerName, consumerPassword] = consumerUser();
        settings = saslSettings(saslBootstrap(), consumerName, consumerPassword);
        settings["group.id"] = m_cluster->name(QStringLiteral("counters")).toStdString();
        settings["auto.offset.reset"] = "earliest";
        auto consumer = makeClient(RD_KAFKA_CONSUMER, settings, errors, failure);
        QVERIFY2(consumer, failure.c_str());
        rd_kafka_poll_set_consumer(consumer.get());
        rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
        rd_kafka_topic_partition_list_add(topics, kTopic.c_str(), RD_KAFKA_PARTITION_UA);
        QCOMPARE(rd_kafka_subscribe(consumer.get(), topics), RD_KAFKA_RESP_ERR_NO_ERROR);
        rd_kafka_topic_partition_list_destroy(topics);

        std::vector<std::string> read;
        const QDeadlineTimer deadline(kDeadlineMs);
        while (read.size() < values.size() && !deadline.hasExpired()) {
            rd_kafka_message_t *m = rd_kafka_consumer_poll(consumer.get(), kPollMs);
            if (!m) {
                continue;
            }
            if (!m->err) {
                read.emplace_back(static_cast<const char *>(m->payload), m->len);
            }
            rd_kafka_message_destroy(m);
        }
        QCOMPARE(read, values);
        QCOMPARE(rd_kafka_commit(consumer.get(), nullptr, 0), RD_KAFKA_RESP_ERR_NO_ERROR);
        rd_kafka_consumer_close(consumer.get());
        QVERIFY2(errors.codes.empty(), errors.firstReason());
    }

    void aWrongPasswordIsAnAuthenticationError()
    {
        ClientErrors errors;
        std::string failure;
        auto producer = makeClient(RD_KAFKA_PRODUCER,
            saslSettings(saslBootstrap(), producerUser().first, "cold-oil"), errors, failure);
        QVERIFY2(producer, failure.c_str());
        QElapsedTimer took;
        took.start();
        const QDeadlineTimer deadline(kDeadlineMs);
        while (errors.codes.empty() && !deadline.hasExpired()) {
            rd_kafka_poll(producer.get(), kPollMs);
        }
        QVERIFY(!errors.codes.empty());
        QCOMPARE(errors.codes.front(), RD_KAFKA_RESP_ERR__AUTHENTICATION);
        // The wording is the broker's own.
        QVERIFY2(m_cluster->isApacheKafka()
                || std::string(errors.firstReason()).find("authentication failed for user fryer")
                    != std::string::npos,
            errors.firstReason());
        QVERIFY2(took.elapsed() < 5000, qPrintable(QString::number(took.elapsed())));
    }

    void aClientWithoutSaslIsTurnedAway()
    {
        ClientErrors errors;
        std::string failure;
        auto producer = makeClient(
            RD_KAFKA_PRODUCER, {{"bootstrap.servers", saslBootstrap()}}, errors, failure);
        QVERIFY2(producer, failure.c_str());
        const rd_kafka_metadata_t *metadata = nullptr;
        QVERIFY(rd_kafka_metadata(producer.get(), 1, nullptr, &metadata, 3000)
            != RD_KAFKA_RESP_ERR_NO_ERROR);
    }
};

QTEST_GUILESS_MAIN(TestLibrdkafkaSasl)
#include "tst_librdkafka_sasl.moc"
