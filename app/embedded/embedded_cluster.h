#pragma once

#include "broker/broker_config.h"

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace chippy::broker {
class Broker;
}

namespace chippy::app {

// The Kafka that ships inside Chippy: the embedded broker on a free loopback port, keeping
// its log in a data directory so that it can be restarted without losing anything.
class EmbeddedCluster
{
public:
    // An empty dataDir keeps the log in a temporary directory removed at the end.
    explicit EmbeddedCluster(
        const QString &dataDir = {}, broker::BrokerConfig base = shopBrokerConfig());

    // Kafka's defaults tuned for a live demo: groups form at once, retention acts within a
    // second, and the shop's short session timeouts are allowed.
    static broker::BrokerConfig shopBrokerConfig();
    ~EmbeddedCluster();

    bool start(QString *error);
    void stop();
    // Stops and starts again on the same port and data directory.
    bool restart(QString *error);
    bool isRunning() const;

    QString bootstrapServers() const;
    QString dataDir() const { return m_dataDir; }
    broker::Broker *broker() { return m_broker.get(); }

private:
    QTemporaryDir m_tempDir;
    QString m_dataDir;
    broker::BrokerConfig m_config;
    std::unique_ptr<broker::Broker> m_broker;
};

} // namespace chippy::app
