#include "test_cluster.h"

#include <QProcessEnvironment>
#include <QRandomGenerator>

namespace chippy::test {

bool onApacheKafka()
{
    return QProcessEnvironment::systemEnvironment().value(QStringLiteral("CHIPPY_TEST_CLUSTER"))
        == QLatin1String("kafka");
}

TestCluster::TestCluster(broker::BrokerConfig config)
    : m_suffix(QString::number(QRandomGenerator::global()->generate(), 36))
{
    if (onApacheKafka()) {
        m_kafka = realKafka();
    } else {
        m_embedded = std::make_unique<BrokerFixture>(false, std::move(config));
    }
}

QString TestCluster::bootstrap() const
{
    return m_embedded ? m_embedded->bootstrap() : m_kafka.bootstrap;
}

QString TestCluster::name(const QString &what) const
{
    return m_embedded ? what : what + QLatin1Char('-') + m_suffix;
}

QString TestCluster::label() const
{
    return m_embedded ? QStringLiteral("embedded") : QStringLiteral("Apache Kafka");
}

} // namespace chippy::test
