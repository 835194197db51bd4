#pragma once

#include "analytics_feed.h"
#include "back_office_model.h"
#include "cabinet_model.h"
#include "chart_feed.h"
#include "cluster_settings.h"
#include "connection_memory.h"
#include "dead_letter_model.h"
#include "journey_model.h"
#include "member_model.h"
#include "notice_model.h"
#include "order_index.h"
#include "partition_model.h"
#include "rebalance_model.h"
#include "record_model.h"
#include "scene_list.h"
#include "shop/events/rate_meter.h"
#include "shop/session/shop_session.h"
#include "shop/shop_config.h"
#include "store_settings.h"
#include "till_model.h"
#include "token_model.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

class QJSEngine;
class QQmlEngine;
class QThread;

namespace chippy::gui {

class AnalyticsPoller;
class EventDrain;

// What the window talks to: the shop session (on a thread of its own, driven by queued calls),
// the scenes of the talk, and the models every view draws from. Events from the workers
// arrive once a frame in a batch, the cluster's state a few times a second. The controls show
// the state the session reports, never a copy of their own: a refused command leaves them
// where the shop is.
class ShopController : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Controller)
    QML_SINGLETON

    Q_PROPERTY(chippy::gui::TillModel *tills READ tills CONSTANT)
    Q_PROPERTY(chippy::gui::PartitionModel *orderPartitions READ orderPartitions CONSTANT)
    Q_PROPERTY(chippy::gui::PartitionModel *readyPartitions READ readyPartitions CONSTANT)
    Q_PROPERTY(chippy::gui::PartitionModel *cookPartitions READ cookPartitions CONSTANT)
    Q_PROPERTY(chippy::gui::PartitionModel *hotFoodPartitions READ hotFoodPartitions CONSTANT)
    Q_PROPERTY(chippy::gui::MemberModel *preparers READ preparers CONSTANT)
    Q_PROPERTY(chippy::gui::MemberModel *cooks READ cooks CONSTANT)
    Q_PROPERTY(chippy::gui::MemberModel *counters READ counters CONSTANT)
    Q_PROPERTY(chippy::gui::MemberModel *lateReaders READ lateReaders CONSTANT)
    Q_PROPERTY(chippy::gui::RebalanceModel *rebalances READ rebalances CONSTANT)
    Q_PROPERTY(chippy::gui::NoticeModel *notices READ notices CONSTANT)
    Q_PROPERTY(chippy::gui::TokenModel *tokens READ tokens CONSTANT)
    Q_PROPERTY(chippy::gui::RecordModel *records READ records CONSTANT)
    Q_PROPERTY(chippy::gui::JourneyModel *journey READ journey CONSTANT)
    Q_PROPERTY(chippy::gui::SceneList *scenes READ scenes CONSTANT)
    Q_PROPERTY(chippy::gui::ChartFeed *charts READ charts CONSTANT)
    Q_PROPERTY(chippy::gui::BackOfficeModel *backOffice READ backOffice CONSTANT)
    Q_PROPERTY(chippy::gui::AnalyticsFeed *analytics READ analytics CONSTANT)
    Q_PROPERTY(chippy::gui::DeadLetterModel *deadLetters READ deadLetters CONSTANT)
    Q_PROPERTY(chippy::gui::ClusterSettings *cluster READ cluster CONSTANT)
    Q_PROPERTY(chippy::gui::StoreSettings *stores READ stores CONSTANT)
    // Null when nothing is to be remembered (a test, a screenshot run).
    Q_PROPERTY(chippy::gui::ConnectionMemory *memory READ memory NOTIFY memoryChanged)
    Q_PROPERTY(chippy::gui::CabinetModel *cabinet READ cabinet CONSTANT)

    Q_PROPERTY(QString orderTopic READ orderTopic CONSTANT)
    Q_PROPERTY(QString readyTopic READ readyTopic CONSTANT)
    Q_PROPERTY(QString cookTopic READ cookTopic CONSTANT)
    Q_PROPERTY(QString hotFoodTopic READ hotFoodTopic CONSTANT)

    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusChanged)
    Q_PROPERTY(QString brokerAddress READ brokerAddress NOTIFY statusChanged)
    Q_PROPERTY(bool embedded READ embedded NOTIFY statusChanged)
    Q_PROPERTY(int openMs READ openMs NOTIFY statusChanged)

    Q_PROPERTY(int scene READ scene NOTIFY sceneChanged)
    Q_PROPERTY(QString sceneTitle READ sceneTitle NOTIFY sceneChanged)
    Q_PROPERTY(QString caption READ caption NOTIFY sceneChanged)
    Q_PROPERTY(QString actionCaption READ actionCaption NOTIFY actionCaptionChanged)
    // Something was changed by hand since the scene began: its caption no longer tells all.
    Q_PROPERTY(bool changedByHand READ changedByHand NOTIFY actionCaptionChanged)

    Q_PROPERTY(bool paused READ paused NOTIFY settingsChanged)
    Q_PROPERTY(int model READ model NOTIFY settingsChanged)
    Q_PROPERTY(bool hasCook READ hasCook NOTIFY settingsChanged)
    Q_PROPERTY(bool hasCabinet READ hasCabinet NOTIFY settingsChanged)
    Q_PROPERTY(int tillCount READ tillCount NOTIFY settingsChanged)
    Q_PROPERTY(int partitionCount READ partitionCount NOTIFY settingsChanged)
    Q_PROPERTY(int preparerCount READ preparerCount NOTIFY settingsChanged)
    Q_PROPERTY(int cookCount READ cookCount NOTIFY settingsChanged)
    Q_PROPERTY(int counterCount READ counterCount NOTIFY settingsChanged)
    Q_PROPERTY(double orderRate READ orderRate NOTIFY settingsChanged)
    Q_PROPERTY(int cookTimeMs READ cookTimeMs NOTIFY settingsChanged)
    Q_PROPERTY(double plaiceShare READ plaiceShare NOTIFY settingsChanged)
    Q_PROPERTY(int retentionS READ retentionS NOTIFY settingsChanged)
    // The back-office readers that joined: "accountant", "statistician", "stockist".
    Q_PROPERTY(QStringList backOfficeJoined READ backOfficeJoined NOTIFY settingsChanged)
    // Goes up whenever the session reports its state, also when nothing changed (a command
    // was refused): controls that were moved by hand go back to what the shop has.
    Q_PROPERTY(int settingsRevision READ settingsRevision NOTIFY settingsChanged)

    Q_PROPERTY(qint64 placed READ placed NOTIFY countsChanged)
    Q_PROPERTY(qint64 served READ served NOTIFY countsChanged)
    Q_PROPERTY(qint64 waiting READ waiting NOTIFY countsChanged)
    Q_PROPERTY(qint64 deadLettered READ deadLettered NOTIFY countsChanged)
    Q_PROPERTY(qint64 servedTwice READ servedTwice NOTIFY countsChanged)
    Q_PROPERTY(double ordersPerSecond READ ordersPerSecond NOTIFY countsChanged)
    Q_PROPERTY(double servedPerSecond READ servedPerSecond NOTIFY countsChanged)
    Q_PROPERTY(double latencyP95 READ latencyP95 NOTIFY countsChanged)

public:
    // Above this many orders a second single tokens cannot be followed: lanes show rates.
    static constexpr double kTokenRateLimit = 12;
    static constexpr int kSampleIntervalMs = 1000;
    static constexpr int kInspectorRefreshMs = 2000;
    static constexpr int kStepMs = 500;

    // base: topic names and timing; the scenes set the counts.
    // Not default-constructible, so that QML takes the instance create() returns.
    ShopController(shop::ShopConfig base, QObject *parent);
    ~ShopController() override;

    // The instance main() built, handed to the QML engine.
    static ShopController *create(QQmlEngine *, QJSEngine *);

    // Loads a scenario and opens its scene (0-based step); false with the reason in words.
    bool start(const QString &scenario, int step, QString *error);

    TillModel *tills() const { return m_tills; }
    PartitionModel *orderPartitions() const { return m_order; }
    PartitionModel *readyPartitions() const { return m_ready; }
    PartitionModel *cookPartitions() const { return m_cook; }
    PartitionModel *hotFoodPartitions() const { return m_hotFood; }
    MemberModel *preparers() const { return m_preparers; }
    MemberModel *cooks() const { return m_cooks; }
    MemberModel *counters() const { return m_counters; }
    MemberModel *lateReaders() const { return m_late; }
    RebalanceModel *rebalances() const { return m_rebalances; }
    NoticeModel *notices() const { return m_notices; }
    TokenModel *tokens() const { return m_tokens; }
    RecordModel *records() const { return m_records; }
    JourneyModel *journey() const { return m_journey; }
    SceneList *scenes() const { return m_scenes; }
    ChartFeed *charts() const { return m_charts; }
    BackOfficeModel *backOffice() const { return m_backOffice; }
    AnalyticsFeed *analytics() const { return m_analytics; }
    DeadLetterModel *deadLetters() const { return m_deadLetters; }
    ClusterSettings *cluster() const { return m_cluster; }
    StoreSettings *stores() const { return m_stores; }
    ConnectionMemory *memory() const { return m_memory; }
    // Where connectNow() remembers the connection it opened.
    void setMemory(ConnectionMemory *memory);
    CabinetModel *cabinet() const { return m_cabinet; }

    QString orderTopic() const { return m_base.topics.order(); }
    QString readyTopic() const { return m_base.topics.ready(); }
    QString cookTopic() const { return m_base.topics.cook(); }
    QString hotFoodTopic() const { return m_base.topics.hotFood(); }

    QString status() const { return m_status; }
    QString statusText() const { return m_statusText; }
    QString brokerAddress() const { return m_brokerAddress; }
    bool embedded() const { return m_embedded; }
    int openMs() const { return m_openMs; }

    int scene() const { return m_scene; }
    QString sceneTitle() const;
    QString caption() const;
    QString actionCaption() const { return m_actionCaption; }
    bool changedByHand() const { return m_changedByHand; }

    bool paused() const { return m_state.paused; }
    int model() const { return m_state.settings.model.value_or(1); }
    bool hasCook() const
    {
        return model() >= shop::ShopConfig::kFirstModelWithCook || cookCount() > 0;
    }
    bool hasCabinet() const { return model() >= shop::ShopConfig::kFirstModelWithCabinet; }
    int tillCount() const { return m_state.settings.tills.value_or(0); }
    int partitionCount() const { return m_state.settings.orderPartitions.value_or(0); }
    int preparerCount() const { return m_state.settings.preparers.value_or(0); }
    int cookCount() const { return m_state.settings.cooks.value_or(0); }
    int counterCount() const { return m_state.settings.counters.value_or(0); }
    double orderRate() const { return m_state.settings.ordersPerSecond.value_or(0); }
    int cookTimeMs() const { return m_state.settings.cookTimeMs.value_or(0); }
    double plaiceShare() const { return m_state.settings.plaiceShare.value_or(0); }
    int retentionS() const { return m_state.retentionS; }
    QStringList backOfficeJoined() const { return m_state.backOffice; }
    int settingsRevision() const { return m_settingsRevision; }

    qint64 placed() const { return m_counts.placed; }
    qint64 served() const { return m_counts.served; }
    qint64 waiting() const { return m_counts.outstanding(); }
    qint64 deadLettered() const { return m_counts.deadLettered; }
    qint64 servedTwice() const { return m_counts.servedTwice; }
    double ordersPerSecond() const { return m_placedRate; }
    double servedPerSecond() const { return m_servedRate; }
    double latencyP95() const { return m_p95; }
    // Events the workers posted that the full queues turned away (the counts stay exact).
    qint64 droppedEvents() const;
    // What the shop counted through the hot cabinet so far: the figures the report prints.
    shop::CabinetTotals cabinetTotals() const;

    // Live commands, carried out by the session on its thread; what happened comes back as a
    // notice, and the controls follow the state the session reports.
    Q_INVOKABLE void setTills(int count);
    // Partitions can only be added: the cluster refuses a smaller number, with the reason.
    Q_INVOKABLE void setPartitions(int count);
    Q_INVOKABLE void setPreparers(int count);
    Q_INVOKABLE void setCooks(int count);
    Q_INVOKABLE void setCounters(int count);
    Q_INVOKABLE void setOrderRate(double perSecond);
    Q_INVOKABLE void setCookTime(int ms);
    Q_INVOKABLE void setPlaiceShare(double share);
    // How long ORDER keeps its records, in seconds; 0 for the cluster's default (a week).
    Q_INVOKABLE void setRetention(int seconds);
    Q_INVOKABLE void killPreparer();
    Q_INVOKABLE void placeBadOrder();
    Q_INVOKABLE void restartBroker();
    Q_INVOKABLE void togglePause();
    // No new customers; what was ordered is still served.
    Q_INVOKABLE void stopTills();
    // Closing time: the hot cabinet is emptied and what was in it counted as waste.
    Q_INVOKABLE void closeForTheDay();
    // While paused: lets the shop run for half a second, then holds it again.
    Q_INVOKABLE void step();
    // kind: "earliest", "latest", "offset" (value: the offset) or "time" (value: ms since
    // the epoch, or seconds ago when negative). Returns the reason when refused.
    Q_INVOKABLE QString addLateConsumer(const QString &kind, double value = 0);
    // "accountant", "statistician" or "stockist" joins late and replays the log.
    Q_INVOKABLE void addBackOffice(const QString &role);

    Q_INVOKABLE void nextScene();
    Q_INVOKABLE void previousScene();
    Q_INVOKABLE void goToScene(int scene);
    // The current scene from nothing, on a fresh broker.
    Q_INVOKABLE void reset();
    // Opens the current scene on what the cluster and store settings say; the reason when
    // refused.
    Q_INVOKABLE QString connectNow();

    // Applies one frame's batch of events to every model (the drain calls it once a frame).
    void applyBatch(const QVector<shop::ShopEvent> &events);

    Q_INVOKABLE void inspectPartition(const QString &topic, int partition);
    Q_INVOKABLE void closeInspector();
    Q_INVOKABLE void followOrder(qint64 order);

signals:
    void memoryChanged();
    void statusChanged();
    void sceneChanged();
    void actionCaptionChanged();
    void settingsChanged();
    void countsChanged();
    // After each batch of events has been applied to the models (for tests and benchmarks).
    void batchApplied(int events);
    // After each reading of the cluster has been applied to the models.
    void clusterApplied();

private:
    void openScene(int scene);
    void retireSession();
    void onOpened(bool ok, const QString &text, const QString &bootstrap);
    void onState(const shop::SessionState &state);
    void onClusterView(const shop::ClusterViewPtr &view);
    void sample();
    void refreshInspector();
    void clearModels();
    void setStatus(const QString &status, const QString &text);
    // The embedded broker as the session reports it: down, reconnecting, or running again.
    void showBroker();
    // Shows a scene's settings until the session reports what it has.
    void showSettings(const shop::ShopSettings &settings);
    PartitionModel *partitionsOf(const QString &topic) const;
    // Runs f on the session's thread, if the shop is open.
    void command(std::function<void(shop::ShopSession &)> f);
    // A command from a control rather than from the scene.
    void commandByHand(std::function<void(shop::ShopSession &)> f);

    shop::ShopConfig m_base;
    ClusterSettings *m_cluster;
    DeadLetterModel *m_deadLetters;
    StoreSettings *m_stores;
    ConnectionMemory *m_memory = nullptr;
    TillModel *m_tills;
    PartitionModel *m_order;
    PartitionModel *m_ready;
    PartitionModel *m_cook;
    PartitionModel *m_hotFood;
    MemberModel *m_preparers;
    MemberModel *m_cooks;
    MemberModel *m_counters;
    MemberModel *m_late;
    RebalanceModel *m_rebalances;
    NoticeModel *m_notices;
    TokenModel *m_tokens;
    OrderIndex m_index;
    JourneyModel *m_journey;
    RecordModel *m_records;
    SceneList *m_scenes;
    ChartFeed *m_charts;
    BackOfficeModel *m_backOffice;
    AnalyticsFeed *m_analytics;
    AnalyticsPoller *m_poller;
    CabinetModel *m_cabinet;
    EventDrain *m_drain;

    QThread *m_thread = nullptr;
    shop::ShopSession *m_session = nullptr;
    QList<QPointer<QThread>> m_retiring;
    bool m_open = false;

    QString m_status = QStringLiteral("starting");
    QString m_statusText;
    QString m_brokerAddress;
    bool m_embedded = true;
    int m_openMs = 0;
    QElapsedTimer m_openClock;

    int m_scene = -1;
    QString m_actionCaption;
    bool m_changedByHand = false;
    shop::SessionState m_state;
    int m_settingsRevision = 0;

    shop::ShopCounts m_counts;
    shop::RateMeter m_rates;
    double m_placedRate = 0;
    double m_servedRate = 0;
    double m_p95 = 0;
    QElapsedTimer m_clock;
    QTimer m_sampler;
    QTimer m_inspector;
};

} // namespace chippy::gui
