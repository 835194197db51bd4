#include "broker_api_test.h"
#include "protocol/reader.h"
#include "wire_client.h"

#include <QTest>

#include <memory>
#include <optional>

using namespace chippy::test;
using chippy::broker::ApiKey;
using chippy::broker::Reader;
using chippy::broker::Writer;

namespace {

constexpr std::int16_t kMismatchedEndpointType = 114;
constexpr std::int16_t kUnsupportedEndpointType = 115;
constexpr std::int8_t kBrokers = 1;
constexpr std::int8_t kControllers = 2;
constexpr std::int32_t kOperationsOmitted = INT32_MIN;

struct DescribedBroker
{
    std::int32_t id = -1;
    std::string host;
    std::int32_t port = -1;
    std::optional<std::string> rack;
};

struct Cluster
{
    std::int16_t error = -1;
    std::optional<std::string> message;
    std::int8_t endpointType = -1;
    std::string clusterId;
    std::int32_t controllerId = -2;
    std::vector<DescribedBroker> brokers;
    std::int32_t authorizedOperations = 0;
};

} // namespace

// DescribeCluster, every version flexible, as the Java admin client's describeCluster asks it.
class TestDescribeCluster : public BrokerApiTest
{
    Q_OBJECT

private:
    Cluster describe(std::int16_t version, bool includeOperations, std::int8_t endpointType)
    {
        Writer w(true);
        w.boolean(includeOperations);
        if (version >= 1) {
            w.i8(endpointType);
        }
        w.tags();
        Cluster c;
        const auto reply = m_client->call(ApiKey::DescribeCluster, version, std::move(w));
        if (!reply) {
            return c;
        }
        Reader r(*reply, true);
        r.i32(); // throttle time
        c.error = r.i16();
        c.message = r.nullableString();
        if (version >= 1) {
            c.endpointType = r.i8();
        }
        c.clusterId = r.string();
        c.controllerId = r.i32();
        r.forEach([&] {
            DescribedBroker b;
            b.id = r.i32();
            b.host = r.string();
            b.port = r.i32();
            b.rack = r.nullableString();
            r.skipTags();
            c.brokers.push_back(b);
        });
        c.authorizedOperations = r.i32();
        r.skipTags();
        if (!r.atEnd()) {
            c.error = -1;
        }
        return c;
    }

private slots:
    void init()
    {
        chippy::broker::BrokerConfig config;
        config.nodeId = 7;
        config.clusterId = "chippy-test-cluster";
        config.advertisedHost = "fryer.local";
        config.advertisedPort = 19092;
        start(false, config);
    }

    void theBrokerIsTheWholeClusterAndItsController_data()
    {
        QTest::addColumn<int>("version");
        QTest::newRow("v0") << 0;
        QTest::newRow("v1") << 1;
    }

    void theBrokerIsTheWholeClusterAndItsController()
    {
        QFETCH(int, version);
        const auto c = describe(std::int16_t(version), false, kBrokers);
        QCOMPARE(c.error, std::int16_t(0));
        QVERIFY(!c.message);
        if (version >= 1) {
            QCOMPARE(c.endpointType, kBrokers);
        }
        QCOMPARE(c.clusterId, std::string("chippy-test-cluster"));
        QCOMPARE(c.controllerId, 7);
        QCOMPARE(c.brokers.size(), std::size_t(1));
        QCOMPARE(c.brokers[0].id, 7);
        QCOMPARE(c.brokers[0].host, std::string("fryer.local"));
        QCOMPARE(c.brokers[0].port, 19092);
        QVERIFY(!c.brokers[0].rack);
        QCOMPARE(c.authorizedOperations, kOperationsOmitted);
    }

    void authorizedOperationsAreEveryClusterOperation()
    {
        const auto c = describe(0, true, kBrokers);
        QCOMPARE(c.error, std::int16_t(0));
        // CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS,
        // IDEMPOTENT_WRITE.
        QCOMPARE(c.authorizedOperations, 0x1fa0);
    }

    void controllersAreNotDescribedByABroker()
    {
        const auto c = describe(1, false, kControllers);
        QCOMPARE(c.error, kMismatchedEndpointType);
        QVERIFY(c.message);
        QCOMPARE(c.controllerId, -1);
        QVERIFY(c.brokers.empty());
        QCOMPARE(describe(1, false, 9).error, kUnsupportedEndpointType);
    }
};

QTEST_GUILESS_MAIN(TestDescribeCluster)
#include "tst_describecluster.moc"
