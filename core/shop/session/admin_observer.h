#pragma once

#include "kafka/client_config.h"
#include "shop/session/cluster_observer.h"

#include <memory>

namespace chippy::kafka {
class Admin;
}

namespace chippy::shop {

// Observes any Kafka through the Admin API: ListOffsets for the log start and end of every
// partition, DescribeGroups for state, members and assignment, OffsetFetch for what each
// group has committed. The Admin client is created and used on the observer's thread only.
class AdminObserver : public ClusterObserver
{
    Q_OBJECT

public:
    // Each reading waits at most this long for the cluster.
    static constexpr int kTimeoutMs = 2000;

    AdminObserver(
        kafka::ClientConfig cluster, const QStringList &topics, const QStringList &groups);
    ~AdminObserver() override;

protected:
    std::optional<ClusterView> observe(QString *error) override;
    void release() override;

private:
    kafka::ClientConfig m_cluster;
    std::unique_ptr<kafka::Admin> m_admin;
};

} // namespace chippy::shop
