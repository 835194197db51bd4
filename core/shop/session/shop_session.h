#pragma once

#include "kafka/cluster_profile.h"
#include "kafka/start_position.h"
#include "shop/scenario/scenario.h"
#include "shop/scenario/scenario_player.h"
#include "shop/session/cluster_view.h"
#include "shop/session/partition_tail.h"
#include "shop/shop.h"
#include "shop/shop_settings.h"

#include <QList>
#include <QObject>
#include <QTemporaryDir>

#include <memory>

class QThread;

namespace chippy::kafka {
class Admin;
}

namespace chippy::shop {

class ClusterObserver;
class LocalCluster;

// Where a session's shop runs.
struct SessionSetup
{
    // Topics, timing and seed; its cluster is where to connect unless local is set.
    ShopConfig base;
    // The broker the app runs beside the session (the embedded one), not yet started; the
    // session starts it, may restart it, and observes it directly.
    std::shared_ptr<LocalCluster> local;
    // The cluster in words, secrets left out.
    QString clusterName;

    // Any Kafka, by its bootstrap servers (PLAINTEXT).
    static SessionSetup forBootstrap(const QString &servers);
    // Any Kafka, as a client.properties file describes it (TLS, SASL); nothing, with the
    // reason, when the file cannot be read.
    static std::optional<SessionSetup> fromProfileFile(const QString &path, QString *error);
    static SessionSetup fromProfile(const kafka::ClusterProfile &profile);
    // The broker the app runs.
    static SessionSetup forLocal(std::shared_ptr<LocalCluster> cluster);
};

// The shop as a session has actually reached it: what a window draws its controls from.
struct SessionState
{
    bool open = false;
    int step = -1;
    ShopSettings settings; // every field set once open
    bool paused = false;
    int retentionS = 0; // 0: the cluster's default
    int lateReaders = 0;
    QStringList backOffice; // the back-office readers that joined
    bool restartable = false; // the broker is one the session can restart
    QString bootstrap;
    // "up"; "down" while the session restarts it; "reconnecting" from its return until every
    // group has all its members again and orders are served.
    QString broker = QStringLiteral("up");
    // Who is back while reconnecting, in words: "preparers 2 of 4 · counters 2 of 2".
    QString rejoined;
};

// One running shop: the cluster connection (a broker the app runs, or any Kafka), the Shop,
// the scenario player, late readers, retention and the ClusterObserver. The window and the
// headless runner both drive it. Everything is called on the thread the session lives on
// (queued calls from a window); each command returns its result, posts it as a Command event
// and then publishes the state the shop reached with stateChanged().
class ShopSession : public QObject
{
    Q_OBJECT

public:
    static constexpr int kAdminTimeoutMs = Shop::kAdminTimeoutMs;
    // Small enough that a segment of ORDER holds a handful of orders, so that retention can be
    // seen moving the log start.
    static constexpr int kRetentionSegmentBytes = 1024;
    static constexpr qint64 kDefaultRetentionMs = 7LL * 24 * 3600 * 1000;

    explicit ShopSession(SessionSetup setup, QObject *parent = nullptr);
    ~ShopSession() override;

    const SessionState &state() const { return m_state; }
    const Scenario &scenario() const { return m_scenario; }
    // In words, for reports: "embedded broker at 127.0.0.1:40213" or the profile's servers.
    QString clusterName() const;
    // The actions the scenario carried out so far.
    QList<ActionRecord> actions() const;
    // Valid from open() until the next open(), safe from any thread: the shop's events and
    // counts, and the events of the late readers and of the session's own commands.
    ShopEventQueue *events() const;
    ShopEventQueue *sessionEvents() const;
    ShopStats *stats() const;
    // A reader of the newest records of a partition on the session's cluster; valid from
    // opened() on, usable on any thread.
    PartitionTail tail() const { return PartitionTail(m_config.cluster); }
    // Where the statistician writes and the accountant and stockist keep their books; valid
    // from opened() on. A reader on another thread opens its own store from these.
    analytics::AnalyticsSettings analyticsSettings() const { return m_config.analytics; }
    ledger::LedgerSettings ledgerSettings() const { return m_config.ledger; }

public slots:
    // Starts the local broker (when there is one) and opens the shop as the scenario stands
    // after step, then times that step's actions.
    chippy::shop::CommandResult open(const chippy::shop::Scenario &scenario, int step = 0);
    // Plays on from the current step, each step after its time, for totalS seconds (to the
    // scenario's end when 0 or less); emits finished().
    void play(double totalS = 0);
    // Moves the open shop to a step of its scenario: what the step names, then its actions.
    chippy::shop::CommandResult enterStep(int index);

    chippy::shop::CommandResult setTills(int count);
    // Kafka only adds partitions: fewer than the topic has is refused, in words.
    chippy::shop::CommandResult setPartitions(int count);
    chippy::shop::CommandResult setPreparers(int count);
    chippy::shop::CommandResult setCooks(int count);
    chippy::shop::CommandResult setCounters(int count);
    chippy::shop::CommandResult setOrderRate(double perSecond);
    chippy::shop::CommandResult setCookTime(int ms);
    chippy::shop::CommandResult setPlaiceShare(double share);
    chippy::shop::CommandResult setPaused(bool paused);
    chippy::shop::CommandResult killPreparer();
    chippy::shop::CommandResult placeBadOrder();
    chippy::shop::CommandResult restartBroker();
    // No new customers; what was ordered is still served.
    chippy::shop::CommandResult stopTills();
    // Closing time (from model 6): the hot cabinet is emptied and what was in it is waste.
    chippy::shop::CommandResult closeForTheDay();
    // Keeps ORDER's records for this long (0: the cluster's default), in small segments.
    chippy::shop::CommandResult setRetention(int seconds);
    // A reader in a group of its own that starts where it is told.
    chippy::shop::CommandResult addLateReader(const chippy::kafka::StartPosition &start);
    // "accountant", "statistician" or "stockist" joins late and replays the log.
    chippy::shop::CommandResult addBackOffice(const QString &role);
    // Stops everyone, the observer, then the local broker; the counts and events stay
    // readable until the next open(). Safe to call twice.
    void close();

signals:
    // After open(): whether the shop opened, in words, and where.
    void opened(bool ok, const QString &text, const QString &bootstrap);
    void stateChanged(const chippy::shop::SessionState &state);
    void commandDone(const QString &command, bool ok, const QString &text);
    void stepStarted(int index, const QString &title, const QString &caption);
    void actionDone(const chippy::shop::ActionRecord &record);
    void clusterObserved(const chippy::shop::ClusterViewPtr &view);
    // The scenario has played its time.
    void finished();

private:
    struct Late
    {
        QThread *thread = nullptr;
        QObject *reader = nullptr;
    };

    CommandResult notOpen(const QString &command);
    // Posts a result of the session's own as a Command event, as the Shop does its own.
    CommandResult done(const QString &command, CommandResult result);
    // The embedded stores beside the broker's log (or in a folder of the session's own), where
    // no OpenSearch or PostgreSQL was named.
    ShopConfig withBackOfficeStores(ShopConfig config);
    void startObserver();
    void stopObserver();
    void onObserved(const ClusterViewPtr &view);
    // While reconnecting after a restart: says who is back, and "up" once all are.
    void followReconnect(const ClusterView &view);
    void publish();

    SessionSetup m_setup;
    Scenario m_scenario;
    SessionState m_state;
    ShopConfig m_config;
    std::unique_ptr<Shop> m_shop;
    std::unique_ptr<ScenarioPlayer> m_player;
    std::unique_ptr<kafka::Admin> m_admin;
    std::shared_ptr<ShopContext> m_context; // the late readers' and the session's events
    QList<Late> m_late;
    std::unique_ptr<QTemporaryDir> m_storeDir;
    QThread *m_observerThread = nullptr;
    ClusterObserver *m_observer = nullptr;
    qint64 m_servedAtRestart = 0;
    int m_observedPartitions = 0;
    qint64 m_observedRetentionMs = -1;
};

} // namespace chippy::shop

Q_DECLARE_METATYPE(chippy::shop::SessionState)
