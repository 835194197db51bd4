#pragma once

#include "shop/session/cluster_observer.h"

#include <QString>
#include <QStringList>

#include <memory>

namespace chippy::shop {

// A Kafka that the app runs beside the shop (the embedded broker): the session can restart it
// and observe it directly instead of over the Admin API.
class LocalCluster
{
public:
    virtual ~LocalCluster() = default;

    virtual bool start(QString *error) = 0;
    virtual void stop() = 0;
    // Stops and starts again on the same address and log.
    virtual bool restart(QString *error) = 0;
    virtual bool isRunning() const = 0;
    virtual QString bootstrapServers() const = 0;
    virtual QString dataDir() const = 0;
    // An observer of these topics and groups that reads the cluster's own state.
    virtual std::unique_ptr<ClusterObserver> observer(
        const QStringList &topics, const QStringList &groups)
        = 0;
};

} // namespace chippy::shop
