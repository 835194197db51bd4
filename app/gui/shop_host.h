#pragma once

#include "broker_snapshot.h"
#include "cluster_profile.h"
#include "scenario.h"
#include "shop_config.h"
#include "start_position.h"

#include <QList>
#include <QObject>
#include <QTimer>

#include <memory>

class QThread;

namespace chippy::kafka {
class Admin;
}

namespace chippy::shop {
class EmbeddedCluster;
class ScenarioPlayer;
class Shop;
class ShopEventQueue;
class ShopStats;
struct ShopContext;
} // namespace chippy::shop

namespace chippy::gui {

using SnapshotPtr = std::shared_ptr<const broker::BrokerSnapshot>;

// Runs one shop on a thread of its own, so that commands that wait for the cluster never
// block the window: the embedded broker (or a cluster profile), the Shop, the timed actions of
// the current scene and the late readers. Everything here is called on that thread, through
// queued calls; results come back as signals and as events in the shop's queues.
class ShopHost : public QObject
{
    Q_OBJECT

public:
    static constexpr int kSnapshotIntervalMs = 100;
    static constexpr int kAdminTimeoutMs = 10000;
    // Small enough that a segment of ORDER holds a handful of orders.
    static constexpr int kRetentionSegmentBytes = 1024;

    ShopHost();
    ~ShopHost() override;

    // Starts the broker (when embedded), the shop as the step sets it up and the step's
    // actions. Emits opened().
    void open(const kafka::ClusterProfile &profile, bool embedded, const shop::ShopConfig &base,
        const shop::ScenarioStep &step);
    // Moves a running shop to a step: its counts and rates, then its timed actions.
    void enterStep(const shop::ScenarioStep &step);
    void addLateConsumer(const kafka::StartPosition &start);
    // Keeps ORDER's records for this long (0: the cluster's default), in small segments so
    // that retention can be seen moving the log start. Says what happened as a notice.
    void setRetention(int seconds);
    // Stops everyone, then the broker. Safe to call twice.
    void shutdown();

    // Valid after opened(ok = true) until shutdown(); the queues are safe to drain from any
    // thread.
    shop::Shop *shop() const { return m_shop.get(); }
    shop::ShopEventQueue *lateEvents() const;

signals:
    void opened(bool ok, const QString &text, const QString &bootstrap);
    void snapshotTaken(const chippy::gui::SnapshotPtr &snapshot);
    void actionCaption(const QString &caption);

private:
    struct Late
    {
        QThread *thread = nullptr;
        QObject *reader = nullptr;
    };

    void playActions(const shop::ScenarioStep &step);
    void notice(bool ok, const QString &text);
    void takeSnapshot();

    std::unique_ptr<shop::EmbeddedCluster> m_cluster;
    std::unique_ptr<shop::Shop> m_shop;
    std::unique_ptr<shop::ScenarioPlayer> m_player;
    std::unique_ptr<kafka::Admin> m_admin;
    std::shared_ptr<shop::ShopContext> m_lateContext;
    QList<Late> m_late;
    QTimer m_snapshots;
};

} // namespace chippy::gui

Q_DECLARE_METATYPE(chippy::gui::SnapshotPtr)
