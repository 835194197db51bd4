#include "rdkafka_group_member.h"
#include "rdkafka_log_clients.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <map>
#include <set>

using namespace chippy::test;

namespace {

constexpr int kRecords = 100000;
constexpr int kPartitions = 3;
constexpr int kValueBytes = 100;
// Small segments so that recovery meets several per partition, older ones and the newest.
constexpr const char *kSegmentBytes = "1048576";
constexpr int kStartTimeoutMs = 20000;
constexpr int kDeliveryTimeoutMs = 120000;
constexpr int kReadTimeoutMs = 120000;
constexpr int kMetadataTimeoutMs = 10000;
constexpr int kAckedBeforeKill = 30000;
constexpr int kGroupRecords = 600;
constexpr int kGroupTimeoutMs = 60000;

QString brokerBin()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_BROKER_BIN"));
}

std::string keyOf(std::int64_t index)
{
    return "queue-" + std::to_string(index % 7);
}

// "order-<index>" padded to kValueBytes, so that a value says which message it is.
std::string valueOf(std::int64_t index)
{
    std::string v = "order-" + std::to_string(index) + ":";
    v.resize(kValueBytes, 'c');
    return v;
}

std::int64_t indexOf(const std::string &value)
{
    return std::stoll(value.substr(6, value.find(':') - 6));
}

std::map<std::string, std::string> producerSettings(const std::string &bootstrap)
{
    return {{"bootstrap.servers", bootstrap}, {"acks", "all"}, {"linger.ms", "5"},
        {"queue.buffering.max.messages", std::to_string(kRecords)},
        {"message.timeout.ms", std::to_string(kDeliveryTimeoutMs)}};
}

} // namespace

// The chippy-broker program killed with SIGKILL and started again on its data directory.
class TestRestart : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<QProcess> m_broker;
    quint16 m_port = 0;

    std::string bootstrap() const { return "127.0.0.1:" + std::to_string(m_port); }

    // Starts the broker on port (0: any), or on any port when that one is taken.
    void startBroker(quint16 port)
    {
        for (const quint16 tryPort : {port, quint16(0)}) {
            m_broker = std::make_unique<QProcess>();
            m_broker->setProcessChannelMode(QProcess::ForwardedErrorChannel);
            m_broker->start(brokerBin(),
                {"--listen", "127.0.0.1:" + QString::number(tryPort), "--data-dir",
                    m_dataDir->path(), "--partitions", QString::number(kPartitions),
                    "--segment-bytes", kSegmentBytes, "--log-level", "warn"});
            QVERIFY(m_broker->waitForStarted(kStartTimeoutMs));
            QTRY_VERIFY_WITH_TIMEOUT(
                m_broker->canReadLine() || m_broker->state() == QProcess::NotRunning,
                kStartTimeoutMs);
            if (m_broker->canReadLine()) {
                const auto line = m_broker->readLine().trimmed();
                QVERIFY2(line.startsWith("listening on 127.0.0.1:"), line.constData());
                m_port = static_cast<quint16>(line.mid(line.lastIndexOf(':') + 1).toUInt());
                QVERIFY(m_port != 0);
                return;
            }
        }
        QFAIL("chippy-broker did not start");
    }

    void killBroker()
    {
        ::kill(static_cast<pid_t>(m_broker->processId()), SIGKILL);
        QVERIFY(m_broker->waitForFinished(kStartTimeoutMs));
        QCOMPARE(m_broker->exitStatus(), QProcess::CrashExit);
    }

    // Reads every partition of topic from the beginning to its high watermark.
    std::vector<ReadRecord> readEverything(const std::string &topic)
    {
        std::vector<ReadRecord> all;
        for (int p = 0; p < kPartitions; ++p) {
            const auto [low, high] = watermarks(bootstrap(), topic, p, kMetadataTimeoutMs);
            if (low != 0 || high < 0) {
                qWarning("partition %d has watermarks %lld..%lld", p, static_cast<long long>(low),
                    static_cast<long long>(high));
                return {};
            }
            if (high == 0) {
                continue;
            }
            PartitionReader reader(bootstrap(), topic, p, RD_KAFKA_OFFSET_BEGINNING, "error");
            const auto &records = reader.readUntil(high, kReadTimeoutMs);
            all.insert(all.end(), records.begin(), records.end());
        }
        return all;
    }

private slots:
    void initTestCase() { QVERIFY2(QFile::exists(brokerBin()), "CHIPPY_BROKER_BIN is not set"); }

    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        startBroker(0);
    }

    void cleanup()
    {
        if (m_broker && m_broker->state() != QProcess::NotRunning) {
            m_broker->kill();
            m_broker->waitForFinished(kStartTimeoutMs);
        }
        m_broker.reset();
        m_dataDir.reset();
    }

    void everyAcknowledgedRecordIsBackExactlyOnceAndInOrder()
    {
        std::vector<Delivery> deliveries;
        std::string error;
        {
            auto producer = makeProducer(producerSettings(bootstrap()), deliveries, error);
            QVERIFY2(producer, error.c_str());
            for (std::int64_t i = 0; i < kRecords; ++i) {
                QVERIFY(produce(producer.get(), "ORDER", keyOf(i), valueOf(i), i));
                rd_kafka_poll(producer.get(), 0);
            }
            QCOMPARE(
                rd_kafka_flush(producer.get(), kDeliveryTimeoutMs), RD_KAFKA_RESP_ERR_NO_ERROR);
        }
        QCOMPARE(deliveries.size(), std::size_t(kRecords));
        std::map<std::pair<std::int32_t, std::int64_t>, std::int64_t> acknowledgedAt;
        for (const auto &d : deliveries) {
            QCOMPARE(d.error, RD_KAFKA_RESP_ERR_NO_ERROR);
            QVERIFY(acknowledgedAt.emplace(std::pair(d.partition, d.offset), d.index).second);
        }

        killBroker();
        const auto previousPort = m_port;
        startBroker(previousPort);

        const auto records = readEverything("ORDER");
        QCOMPARE(records.size(), std::size_t(kRecords));
        std::set<std::int64_t> seen;
        std::map<std::int32_t, std::int64_t> nextOffset;
        for (const auto &r : records) {
            // In order: each partition reads back 0, 1, 2, ... with nothing skipped.
            QCOMPARE(r.offset, nextOffset[r.partition]++);
            const auto index = indexOf(r.value);
            QVERIFY2(seen.insert(index).second, qPrintable("twice: " + QString::number(index)));
            const auto acked = acknowledgedAt.find({r.partition, r.offset});
            QVERIFY(acked != acknowledgedAt.end());
            QCOMPARE(acked->second, index);
            QCOMPARE(r.value, valueOf(index));
        }
    }

    void recordsAcknowledgedBeforeAKillInMidStreamAreAllThere()
    {
        std::vector<Delivery> deliveries;
        std::string error;
        auto producer = makeProducer(producerSettings(bootstrap()), deliveries, error);
        QVERIFY2(producer, error.c_str());
        for (std::int64_t i = 0; i < kRecords; ++i) {
            QVERIFY(produce(producer.get(), "ORDER", keyOf(i), valueOf(i), i));
            rd_kafka_poll(producer.get(), 0);
        }
        const auto acknowledged = [&] {
            rd_kafka_poll(producer.get(), 0);
            return std::count_if(deliveries.begin(), deliveries.end(),
                [](const Delivery &d) { return d.error == RD_KAFKA_RESP_ERR_NO_ERROR; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(acknowledged() >= kAckedBeforeKill, kDeliveryTimeoutMs);
        killBroker();
        // Whatever was not acknowledged by now is given up, so nothing is sent twice.
        rd_kafka_purge(producer.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        QTRY_COMPARE_WITH_TIMEOUT((rd_kafka_poll(producer.get(), 0), deliveries.size()),
            std::size_t(kRecords), kDeliveryTimeoutMs);
        producer.reset();
        std::map<std::int64_t, std::pair<std::int32_t, std::int64_t>> acknowledgedAt;
        for (const auto &d : deliveries) {
            if (d.error == RD_KAFKA_RESP_ERR_NO_ERROR) {
                acknowledgedAt.emplace(d.index, std::pair(d.partition, d.offset));
            }
        }
        QVERIFY(acknowledgedAt.size() >= std::size_t(kAckedBeforeKill));
        qInfo(
            "%zu of %d records were acknowledged before the kill", acknowledgedAt.size(), kRecords);

        startBroker(m_port);
        const auto records = readEverything("ORDER");
        QVERIFY(records.size() >= acknowledgedAt.size());
        std::set<std::int64_t> seen;
        std::map<std::int32_t, std::int64_t> nextOffset;
        for (const auto &r : records) {
            QCOMPARE(r.offset, nextOffset[r.partition]++);
            const auto index = indexOf(r.value);
            QVERIFY2(seen.insert(index).second, qPrintable("twice: " + QString::number(index)));
            // Written but not acknowledged is allowed; acknowledged elsewhere is not.
            if (const auto it = acknowledgedAt.find(index); it != acknowledgedAt.end()) {
                QCOMPARE(std::pair(r.partition, r.offset), it->second);
            }
        }
        for (const auto &[index, at] : acknowledgedAt) {
            QVERIFY2(seen.contains(index), qPrintable("lost: " + QString::number(index)));
        }
    }

    void aGroupResumesFromItsCommittedOffsetsAfterAKill()
    {
        std::vector<Delivery> deliveries;
        std::string error;
        const auto produceRange = [&](std::int64_t from, std::int64_t to) {
            auto producer = makeProducer(producerSettings(bootstrap()), deliveries, error);
            QVERIFY2(producer, error.c_str());
            for (std::int64_t i = from; i < to; ++i) {
                QVERIFY(produce(producer.get(), "READY", keyOf(i), valueOf(i), i));
            }
            QCOMPARE(
                rd_kafka_flush(producer.get(), kDeliveryTimeoutMs), RD_KAFKA_RESP_ERR_NO_ERROR);
        };
        const std::map<std::string, std::string> member {{"group.id", "counters"},
            {"enable.auto.commit", "false"}, {"auto.offset.reset", "earliest"}};
        auto settings = member;
        settings["bootstrap.servers"] = bootstrap();

        produceRange(0, kGroupRecords);
        {
            RdKafkaGroupMember first(settings, {"READY"});
            QVERIFY2(first.startError().empty(), first.startError().c_str());
            QTRY_COMPARE_WITH_TIMEOUT(
                first.recordCount(), std::size_t(kGroupRecords), kGroupTimeoutMs);
            QCOMPARE(first.commit(), RD_KAFKA_RESP_ERR_NO_ERROR);
        }
        killBroker();

        startBroker(m_port);
        settings["bootstrap.servers"] = bootstrap();
        produceRange(kGroupRecords, 2 * kGroupRecords);
        RdKafkaGroupMember second(settings, {"READY"});
        QVERIFY2(second.startError().empty(), second.startError().c_str());
        QTRY_COMPARE_WITH_TIMEOUT(
            second.recordCount(), std::size_t(kGroupRecords), kGroupTimeoutMs);
        std::set<std::int64_t> indexes;
        for (const auto &r : second.records()) {
            indexes.insert(indexOf(r.value));
        }
        QCOMPARE(indexes.size(), std::size_t(kGroupRecords));
        QCOMPARE(*indexes.begin(), std::int64_t(kGroupRecords));
        QCOMPARE(*indexes.rbegin(), std::int64_t(2 * kGroupRecords - 1));
    }
};

QTEST_GUILESS_MAIN(TestRestart)
#include "tst_restart.moc"
