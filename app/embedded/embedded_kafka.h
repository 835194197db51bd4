#pragma once

#include "broker/broker_snapshot.h"
#include "shop/session/local_cluster.h"

#include <QMutex>

#include <memory>
#include <optional>

namespace chippy::app {

class EmbeddedCluster;

// The embedded broker as the app runs it beside a shop session: started, restarted and
// observed through its own snapshots. Thread-safe: the observer reads snapshots on its thread
// while the session restarts the broker on another.
class EmbeddedKafka : public shop::LocalCluster
{
public:
    // An empty dataDir keeps the log in a temporary directory removed at the end.
    explicit EmbeddedKafka(const QString &dataDir = {});
    ~EmbeddedKafka() override;

    bool start(QString *error) override;
    void stop() override;
    bool restart(QString *error) override;
    bool isRunning() const override;
    QString bootstrapServers() const override;
    QString dataDir() const override;
    std::unique_ptr<shop::ClusterObserver> observer(
        const QStringList &topics, const QStringList &groups) override;

    // Lets the embedded broker's log say only what goes wrong (the window draws the rest).
    static void logProblemsOnly();

    // The broker's state now; nothing while it is stopped.
    std::optional<broker::BrokerSnapshot> snapshot() const;

private:
    mutable QMutex m_mutex;
    std::unique_ptr<EmbeddedCluster> m_cluster;
};

} // namespace chippy::app
