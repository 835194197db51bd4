#include "embedded_cluster.h"

#include "broker/broker.h"
#include "shop/shop_log.h"

#include <QDir>

#include <stdexcept>

namespace chippy::app {

namespace {

constexpr std::int64_t kRetentionCheckIntervalMs = 1000;
constexpr std::int32_t kInitialRebalanceDelayMs = 0;
constexpr std::int32_t kMinSessionTimeoutMs = 1000;
constexpr std::int32_t kMaxSessionTimeoutMs = 300000;
constexpr std::int64_t kSegmentBytes = 64LL << 20;
constexpr std::int32_t kMaxMessageBytes = 16 << 20;

} // namespace

broker::BrokerConfig EmbeddedCluster::shopBrokerConfig()
{
    broker::BrokerConfig c;
    c.retentionCheckIntervalMs = kRetentionCheckIntervalMs;
    c.groupInitialRebalanceDelayMs = kInitialRebalanceDelayMs;
    c.groupMinSessionTimeoutMs = kMinSessionTimeoutMs;
    c.groupMaxSessionTimeoutMs = kMaxSessionTimeoutMs;
    c.segmentBytes = kSegmentBytes;
    c.maxMessageBytes = kMaxMessageBytes;
    return c;
}

EmbeddedCluster::EmbeddedCluster(const QString &dataDir, broker::BrokerConfig base)
    : m_dataDir(dataDir.isEmpty() ? m_tempDir.path() : dataDir)
    , m_config(std::move(base))
{
    m_config.dataDir = QDir(m_dataDir).absolutePath().toStdString();
}

EmbeddedCluster::~EmbeddedCluster()
{
    stop();
}

bool EmbeddedCluster::start(QString *error)
{
    if (isRunning()) {
        return true;
    }
    if (!QDir().mkpath(m_dataDir)) {
        *error = QStringLiteral("cannot create the data directory %1").arg(m_dataDir);
        return false;
    }
    try {
        m_broker = std::make_unique<broker::Broker>(m_config);
        m_broker->start();
    } catch (const std::exception &e) {
        m_broker.reset();
        *error = QStringLiteral("the embedded broker cannot start: %1").arg(e.what());
        return false;
    }
    // A restart must come back on the same address, or every client would lose it.
    m_config.listenPort = m_broker->port();
    qCInfo(shop::lcShop).noquote()
        << "embedded broker at" << bootstrapServers() << "keeping its log in" << m_dataDir;
    return true;
}

void EmbeddedCluster::stop()
{
    if (m_broker) {
        m_broker->stop();
        m_broker.reset();
    }
}

bool EmbeddedCluster::restart(QString *error)
{
    stop();
    return start(error);
}

bool EmbeddedCluster::isRunning() const
{
    return m_broker && m_broker->isRunning();
}

QString EmbeddedCluster::bootstrapServers() const
{
    return m_broker ? QString::fromStdString(m_broker->bootstrapServers()) : QString();
}

} // namespace chippy::app
