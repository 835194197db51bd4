#pragma once

#include "broker.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace chippy::test {

// An embedded broker on a free loopback port, with its own data directory when persistent.
class BrokerFixture
{
public:
    explicit BrokerFixture(bool persistent = false, broker::BrokerConfig config = {});
    ~BrokerFixture();

    broker::Broker &broker() { return *m_broker; }
    QString bootstrap() const;
    std::string bootstrapStd() const { return bootstrap().toStdString(); }
    QString dataDir() const { return m_dir.path(); }
    broker::BrokerConfig &config() { return m_config; }

    // Stops and starts again on the same data directory and port.
    void restart();

private:
    QTemporaryDir m_dir;
    broker::BrokerConfig m_config;
    std::unique_ptr<broker::Broker> m_broker;
};

} // namespace chippy::test
