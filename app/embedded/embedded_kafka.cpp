#include "embedded_kafka.h"

#include "broker/broker.h"
#include "broker/broker_log.h"
#include "embedded_cluster.h"
#include "snapshot_observer.h"

namespace chippy::app {

EmbeddedKafka::EmbeddedKafka(const QString &dataDir)
    : m_cluster(std::make_unique<EmbeddedCluster>(dataDir))
{ }

EmbeddedKafka::~EmbeddedKafka() = default;

bool EmbeddedKafka::start(QString *error)
{
    const QMutexLocker lock(&m_mutex);
    return m_cluster->start(error);
}

void EmbeddedKafka::stop()
{
    const QMutexLocker lock(&m_mutex);
    m_cluster->stop();
}

bool EmbeddedKafka::restart(QString *error)
{
    const QMutexLocker lock(&m_mutex);
    return m_cluster->restart(error);
}

bool EmbeddedKafka::isRunning() const
{
    const QMutexLocker lock(&m_mutex);
    return m_cluster->isRunning();
}

QString EmbeddedKafka::bootstrapServers() const
{
    const QMutexLocker lock(&m_mutex);
    return m_cluster->bootstrapServers();
}

QString EmbeddedKafka::dataDir() const
{
    return m_cluster->dataDir();
}

std::unique_ptr<shop::ClusterObserver> EmbeddedKafka::observer(
    const QStringList &topics, const QStringList &groups)
{
    return std::make_unique<SnapshotObserver>(this, topics, groups);
}

void EmbeddedKafka::logProblemsOnly()
{
    broker::brokerLog().set_level(spdlog::level::warn);
}

std::optional<broker::BrokerSnapshot> EmbeddedKafka::snapshot() const
{
    const QMutexLocker lock(&m_mutex);
    if (!m_cluster->isRunning()) {
        return std::nullopt;
    }
    return m_cluster->broker()->snapshot();
}

} // namespace chippy::app
