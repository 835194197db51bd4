#pragma once

#include "shop/session/cluster_observer.h"

namespace chippy::app {

class EmbeddedKafka;

// Observes the embedded broker through its snapshots: no round trip, and the groups'
// generations, which the Admin API does not tell.
class SnapshotObserver : public shop::ClusterObserver
{
    Q_OBJECT

public:
    // cluster outlives the observer.
    SnapshotObserver(
        const EmbeddedKafka *cluster, const QStringList &topics, const QStringList &groups);

protected:
    std::optional<shop::ClusterView> observe(QString *error) override;

private:
    const EmbeddedKafka *m_cluster;
};

} // namespace chippy::app
