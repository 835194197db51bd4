#include "broker_fixture.h"

namespace chippy::test {

BrokerFixture::BrokerFixture(bool persistent, broker::BrokerConfig config)
    : m_config(std::move(config))
{
    m_config.listenHost = "127.0.0.1";
    m_config.listenPort = 0;
    if (persistent) {
        m_config.dataDir = m_dir.path().toStdString();
    }
    m_broker = std::make_unique<broker::Broker>(m_config);
    m_broker->start();
    m_config.listenPort = m_broker->port();
}

BrokerFixture::~BrokerFixture() = default;

QString BrokerFixture::bootstrap() const
{
    return QString::fromStdString(m_broker->bootstrapServers());
}

void BrokerFixture::restart()
{
    m_broker->stop();
    m_broker = std::make_unique<broker::Broker>(m_config);
    m_broker->start();
}

} // namespace chippy::test
