#pragma once

#include "broker_fixture.h"
#include "real_servers.h"

#include <QString>

#include <memory>

namespace chippy::test {

// The Kafka a test talks to: a fresh embedded broker, or the Apache Kafka node of the
// real-kafka fixture when CHIPPY_TEST_CLUSTER=kafka (tests added with ALSO_ON_KAFKA run both
// ways). Apache Kafka is shared by the whole test run, so tests name their topics and groups
// through name(), which is unique per TestCluster.
class TestCluster
{
public:
    // An embedded broker gets `config`; Apache Kafka keeps its own.
    explicit TestCluster(broker::BrokerConfig config = {});

    bool isApacheKafka() const { return !m_embedded; }
    QString bootstrap() const;
    std::string bootstrapStd() const { return bootstrap().toStdString(); }
    // SASL/PLAIN on Apache Kafka's second listener; empty on the embedded broker.
    const RealKafka &apacheKafka() const { return m_kafka; }
    // The embedded broker, or nullptr on Apache Kafka.
    BrokerFixture *embedded() const { return m_embedded.get(); }
    // Why the cluster is not there (the fixture did not start Kafka); empty when it is.
    QString error() const { return m_kafka.error; }
    // "what" made unique to this cluster's test, for topics and groups on a shared Kafka.
    QString name(const QString &what) const;
    // "embedded" or "Apache Kafka", for messages.
    QString label() const;

private:
    std::unique_ptr<BrokerFixture> m_embedded;
    RealKafka m_kafka;
    QString m_suffix;
};

// True when this test process was asked to run against Apache Kafka.
bool onApacheKafka();

} // namespace chippy::test
