#include "shop_controller.h"

#include "analytics_poller.h"
#include "chart_feed.h"
#include "embedded_kafka.h"
#include "event_drain.h"
#include "journey_model.h"
#include "member_model.h"
#include "notice_model.h"
#include "partition_model.h"
#include "rebalance_model.h"
#include "record_model.h"
#include "scene_list.h"
#include "shop/hot_cabinet.h"
#include "shop/menu.h"
#include "till_model.h"
#include "token_model.h"

#include <QDateTime>
#include <QJSEngine>
#include <QThread>

namespace chippy::gui {

namespace {

ShopController *s_instance = nullptr;

} // namespace

ShopController::ShopController(shop::ShopConfig base, QObject *parent)
    : QObject(parent)
    , m_base(std::move(base))
    , m_cluster(new ClusterSettings(this))
    , m_deadLetters(new DeadLetterModel(m_base.topics.orderDlq(), this))
    , m_stores(new StoreSettings(this))
    , m_tills(new TillModel(this))
    , m_order(new PartitionModel(m_base.topics.order(), m_base.topics.preparers(), this))
    , m_ready(new PartitionModel(m_base.topics.ready(), m_base.topics.counters(), this))
    , m_cook(new PartitionModel(m_base.topics.cook(), m_base.topics.cooks(), this))
    , m_hotFood(new PartitionModel(m_base.topics.hotFood(), m_base.topics.preparers(), this))
    , m_preparers(new MemberModel(m_base.topics.preparers(), m_base.topics.order(), this))
    , m_cooks(new MemberModel(m_base.topics.cooks(), m_base.topics.cook(), this))
    , m_counters(new MemberModel(m_base.topics.counters(), m_base.topics.ready(), this))
    , m_late(new MemberModel(QStringLiteral("late-*"), m_base.topics.order(), this))
    , m_rebalances(new RebalanceModel(
          {
              {m_base.topics.preparers(), m_base.topics.order()},
              {m_base.topics.cooks(), m_base.topics.cook()},
              {m_base.topics.counters(), m_base.topics.ready()},
          },
          this))
    , m_notices(new NoticeModel(this))
    , m_tokens(new TokenModel(this))
    , m_journey(new JourneyModel(&m_index, this))
    , m_records(new RecordModel(this))
    , m_scenes(new SceneList(this))
    , m_charts(new ChartFeed(this))
    , m_backOffice(new BackOfficeModel(m_base.topics, this))
    , m_analytics(new AnalyticsFeed(shop::Menu::standard().currency(), this))
    , m_poller(new AnalyticsPoller(m_analytics, this))
    , m_cabinet(new CabinetModel(m_base.menu, this))
    , m_drain(new EventDrain(this))
{
    s_instance = this;
    m_stores->load(m_base);
    qRegisterMetaType<shop::ClusterViewPtr>();
    qRegisterMetaType<shop::SessionState>();
    // The lanes draw the owners the members' cards draw: one generation at a time.
    m_order->followOwners(m_preparers);
    m_hotFood->followOwners(m_preparers);
    m_ready->followOwners(m_counters);
    m_cook->followOwners(m_cooks);
    connect(m_drain, &EventDrain::batch, this, &ShopController::applyBatch);
    connect(m_drain, &EventDrain::frame, this,
        [this] { m_tokens->expire(QDateTime::currentMSecsSinceEpoch()); });
    m_sampler.setInterval(kSampleIntervalMs);
    connect(&m_sampler, &QTimer::timeout, this, &ShopController::sample);
    m_inspector.setInterval(kInspectorRefreshMs);
    connect(&m_inspector, &QTimer::timeout, this, &ShopController::refreshInspector);
}

ShopController::~ShopController()
{
    retireSession();
    for (const QPointer<QThread> &thread : std::as_const(m_retiring)) {
        if (thread) {
            thread->wait();
            delete thread.data();
        }
    }
    if (s_instance == this) {
        s_instance = nullptr;
    }
}

ShopController *ShopController::create(QQmlEngine *, QJSEngine *)
{
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

bool ShopController::start(const QString &scenario, int step, QString *error)
{
    const int first = m_scenes->load(scenario, error);
    if (first < 0) {
        return false;
    }
    const int scene = first + step;
    if (step < 0 || scene >= m_scenes->count()) {
        *error = QStringLiteral("%1 has no step %2").arg(scenario).arg(step + 1);
        return false;
    }
    openScene(scene);
    return true;
}

QString ShopController::sceneTitle() const
{
    return m_scene >= 0 ? m_scenes->step(m_scene).title : QString();
}

QString ShopController::caption() const
{
    return m_scene >= 0 ? m_scenes->step(m_scene).caption : QString();
}

void ShopController::setTills(int count)
{
    commandByHand([count](shop::ShopSession &s) { s.setTills(count); });
}

void ShopController::setPartitions(int count)
{
    commandByHand([count](shop::ShopSession &s) { s.setPartitions(count); });
}

void ShopController::setPreparers(int count)
{
    commandByHand([count](shop::ShopSession &s) { s.setPreparers(count); });
}

void ShopController::setCooks(int count)
{
    commandByHand([count](shop::ShopSession &s) { s.setCooks(count); });
}

void ShopController::setCounters(int count)
{
    commandByHand([count](shop::ShopSession &s) { s.setCounters(count); });
}

void ShopController::setOrderRate(double perSecond)
{
    commandByHand([perSecond](shop::ShopSession &s) { s.setOrderRate(perSecond); });
}

void ShopController::setCookTime(int ms)
{
    commandByHand([ms](shop::ShopSession &s) { s.setCookTime(ms); });
}

void ShopController::setPlaiceShare(double share)
{
    commandByHand([share](shop::ShopSession &s) { s.setPlaiceShare(share); });
}

void ShopController::setRetention(int seconds)
{
    commandByHand([seconds](shop::ShopSession &s) { s.setRetention(seconds); });
}

void ShopController::killPreparer()
{
    commandByHand([](shop::ShopSession &s) { s.killPreparer(); });
}

void ShopController::placeBadOrder()
{
    commandByHand([](shop::ShopSession &s) { s.placeBadOrder(); });
}

void ShopController::restartBroker()
{
    commandByHand([](shop::ShopSession &s) { s.restartBroker(); });
}

void ShopController::togglePause()
{
    const bool paused = !m_state.paused;
    command([paused](shop::ShopSession &s) { s.setPaused(paused); });
}

void ShopController::stopTills()
{
    command([](shop::ShopSession &s) { s.stopTills(); });
}

void ShopController::closeForTheDay()
{
    commandByHand([](shop::ShopSession &s) { s.closeForTheDay(); });
}

void ShopController::step()
{
    if (!m_state.paused) {
        return;
    }
    command([](shop::ShopSession &s) { s.setPaused(false); });
    QTimer::singleShot(
        kStepMs, this, [this] { command([](shop::ShopSession &s) { s.setPaused(true); }); });
}

QString ShopController::addLateConsumer(const QString &kind, double value)
{
    kafka::StartPosition start;
    if (kind == QLatin1String("earliest")) {
        start = kafka::StartPosition::earliest();
    } else if (kind == QLatin1String("latest")) {
        start = kafka::StartPosition::latest();
    } else if (kind == QLatin1String("offset") && value >= 0) {
        start = kafka::StartPosition::atOffset(static_cast<qint64>(value));
    } else if (kind == QLatin1String("time")) {
        const qint64 ms = value < 0
            ? QDateTime::currentMSecsSinceEpoch() + static_cast<qint64>(value * 1000)
            : static_cast<qint64>(value);
        start = kafka::StartPosition::atTime(ms);
    } else {
        return QStringLiteral("a late reader starts at the earliest or latest record, at an "
                              "offset of 0 or more, or at a time");
    }
    if (!m_session || !m_open) {
        return QStringLiteral("the shop is not open yet");
    }
    commandByHand([start](shop::ShopSession &s) { s.addLateReader(start); });
    return {};
}

void ShopController::addBackOffice(const QString &role)
{
    commandByHand([role](shop::ShopSession &s) { s.addBackOffice(role); });
}

void ShopController::nextScene()
{
    if (m_scene + 1 >= m_scenes->count()) {
        return;
    }
    if (!m_open) {
        openScene(m_scene + 1);
        return;
    }
    ++m_scene;
    m_actionCaption.clear();
    m_changedByHand = false;
    emit actionCaptionChanged();
    emit sceneChanged();
    const int scene = m_scene;
    command([scene](shop::ShopSession &s) { s.enterStep(scene); });
}

void ShopController::previousScene()
{
    if (m_scene > 0) {
        openScene(m_scene - 1);
    }
}

void ShopController::goToScene(int scene)
{
    if (scene < 0 || scene >= m_scenes->count() || scene == m_scene) {
        return;
    }
    if (scene == m_scene + 1) {
        nextScene();
    } else {
        openScene(scene);
    }
}

void ShopController::reset()
{
    if (m_scene >= 0) {
        openScene(m_scene);
    }
}

void ShopController::setMemory(ConnectionMemory *memory)
{
    m_memory = memory;
    emit memoryChanged();
}

QString ShopController::connectNow()
{
    QString problem = m_cluster->problem();
    if (problem.isEmpty()) {
        problem = m_stores->problem();
    }
    if (!problem.isEmpty()) {
        return problem;
    }
    m_stores->applyTo(m_base);
    m_cabinet->setWhere(shop::describeCabinet(m_base.cabinet));
    if (m_memory) {
        m_memory->remember(*m_cluster, *m_stores);
    }
    if (m_scene >= 0) {
        openScene(m_scene);
    }
    return {};
}

void ShopController::inspectPartition(const QString &topic, int partition)
{
    const PartitionModel *model = partitionsOf(topic);
    if (!model || partition < 0 || partition >= model->count()) {
        return;
    }
    const QVariantMap row = model->get(partition);
    m_records->load(topic, partition, row.value(QStringLiteral("logStart")).toLongLong(),
        row.value(QStringLiteral("logEnd")).toLongLong());
    m_inspector.start();
}

void ShopController::closeInspector()
{
    m_inspector.stop();
    m_records->clear();
    m_journey->follow(-1);
}

void ShopController::followOrder(qint64 order)
{
    m_journey->follow(order);
}

void ShopController::openScene(int scene)
{
    retireSession();
    clearModels();
    m_scene = scene;
    m_actionCaption.clear();
    m_changedByHand = false;
    emit actionCaptionChanged();
    emit sceneChanged();

    m_state = {};
    showSettings(shop::ShopSettings::of(m_base).merged(m_scenes->settled(scene).settings));

    m_embedded = m_cluster->embedded();
    shop::SessionSetup setup;
    if (m_embedded) {
        // The app runs the broker beside the session; the session starts it on its thread.
        setup = shop::SessionSetup::forLocal(std::make_shared<app::EmbeddedKafka>());
    } else {
        setup = m_cluster->setup();
    }
    const kafka::ClientConfig cluster = setup.base.cluster;
    setup.base = m_base;
    setup.base.cluster = cluster;
    m_cabinet->setWhere(shop::describeCabinet(m_base.cabinet));

    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("shop"));
    m_session = new shop::ShopSession(setup);
    m_session->moveToThread(m_thread);
    connect(m_session, &shop::ShopSession::opened, this, &ShopController::onOpened);
    connect(m_session, &shop::ShopSession::stateChanged, this, &ShopController::onState);
    connect(m_session, &shop::ShopSession::clusterObserved, this, &ShopController::onClusterView);
    connect(
        m_session, &shop::ShopSession::actionDone, this, [this](const shop::ActionRecord &record) {
            m_actionCaption = record.detail;
            emit actionCaptionChanged();
        });
    m_thread->start();
    m_openClock.start();
    setStatus(QStringLiteral("starting"),
        m_embedded ? QStringLiteral("starting the embedded broker")
                   : QStringLiteral("connecting to %1").arg(setup.clusterName));
    shop::ShopSession *session = m_session;
    const shop::Scenario scenario = m_scenes->scenario();
    QMetaObject::invokeMethod(
        session, [session, scenario, scene] { session->open(scenario, scene); },
        Qt::QueuedConnection);
}

void ShopController::retireSession()
{
    if (!m_session) {
        return;
    }
    m_open = false;
    m_poller->stop();
    m_drain->stop();
    m_drain->detachAll();
    m_sampler.stop();
    m_inspector.stop();
    disconnect(m_session, nullptr, this, nullptr);
    shop::ShopSession *session = m_session;
    QThread *thread = m_thread;
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    // The old shop closes in the background while the new one opens.
    QMetaObject::invokeMethod(
        session,
        [session] {
            session->close();
            session->deleteLater();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_retiring.removeAll(nullptr);
    m_retiring.append(thread);
    m_session = nullptr;
    m_thread = nullptr;
}

void ShopController::onOpened(bool ok, const QString &text, const QString &bootstrap)
{
    m_openMs = static_cast<int>(m_openClock.elapsed());
    m_brokerAddress = bootstrap;
    if (!ok) {
        m_notices->post(QStringLiteral("error"), text);
        setStatus(QStringLiteral("failed"), text);
        return;
    }
    m_open = true;
    m_drain->attach(m_session->events());
    m_drain->attach(m_session->sessionEvents());
    m_drain->start();
    m_records->setReader(m_session->tail());
    m_clock.start();
    m_sampler.start();
    setStatus(QStringLiteral("running"),
        m_embedded ? QStringLiteral("embedded broker %1").arg(bootstrap) : m_cluster->describe());
}

void ShopController::onState(const shop::SessionState &state)
{
    if (!state.open) {
        return;
    }
    const bool tillsChanged = state.settings.tills != m_state.settings.tills;
    const bool brokerChanged = state.broker != m_state.broker || state.rejoined != m_state.rejoined;
    m_state = state;
    if (brokerChanged) {
        showBroker();
    }
    m_backOffice->setJoined(state.backOffice);
    m_poller->follow(state.backOffice, m_session->analyticsSettings(), m_session->ledgerSettings());
    if (tillsChanged) {
        m_tills->setTills(tillCount());
        m_order->setQueues(tillCount());
    }
    m_tokens->setEnabled(orderRate() > 0 && orderRate() <= kTokenRateLimit);
    ++m_settingsRevision;
    emit settingsChanged();
}

void ShopController::showBroker()
{
    const QString &broker = m_state.broker;
    if (broker == QLatin1String("down")) {
        // What the members said before the broker went belongs to its old generations.
        m_drain->drainNow();
        for (MemberModel *members : {m_preparers, m_cooks, m_counters, m_late}) {
            members->forgetGeneration();
        }
        setStatus(QStringLiteral("down"),
            QStringLiteral("the broker is down: restarting it, then every client is reconnecting"));
    } else if (broker == QLatin1String("reconnecting")) {
        setStatus(QStringLiteral("reconnecting"),
            m_state.rejoined.isEmpty()
                ? QStringLiteral("the broker is back: reconnecting every client")
                : QStringLiteral("the broker is back: reconnecting, %1 back")
                      .arg(m_state.rejoined));
    } else {
        setStatus(
            QStringLiteral("running"), QStringLiteral("embedded broker %1").arg(m_brokerAddress));
    }
}

void ShopController::applyBatch(const QVector<shop::ShopEvent> &events)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_tills->applyEvents(events);
    m_order->applyEvents(events);
    m_ready->applyEvents(events);
    m_cook->applyEvents(events);
    m_hotFood->applyEvents(events);
    m_preparers->applyEvents(events);
    m_cooks->applyEvents(events);
    m_counters->applyEvents(events);
    m_late->applyEvents(events);
    m_backOffice->applyEvents(events);
    m_rebalances->applyEvents(events);
    m_notices->applyEvents(events);
    m_deadLetters->applyEvents(events);
    m_tokens->applyEvents(events, now);
    if (hasCabinet()) {
        m_cabinet->applyEvents(events);
    }
    if (m_index.add(events, m_journey->order())) {
        m_journey->refresh();
    }
    if (m_order->count() > 0) {
        m_tills->setPartitions(m_order->count());
    }
    emit batchApplied(static_cast<int>(events.size()));
}

void ShopController::onClusterView(const shop::ClusterViewPtr &view)
{
    if (!m_open || !view) {
        return;
    }
    m_order->applyView(*view);
    m_ready->applyView(*view);
    m_cook->applyView(*view);
    m_hotFood->applyView(*view);
    m_preparers->applyView(*view);
    m_cooks->applyView(*view);
    m_counters->applyView(*view);
    m_late->applyView(*view);
    m_backOffice->applyView(*view);
    if (m_order->count() > 0) {
        m_tills->setPartitions(m_order->count());
    }
    emit clusterApplied();
}

void ShopController::sample()
{
    if (!m_open) {
        return;
    }
    shop::ShopStats &stats = *m_session->stats();
    m_counts = stats.counts();
    m_rates.sample(m_counts, m_clock.elapsed());
    m_placedRate = m_rates.placedPerSecond();
    m_servedRate = m_rates.servedPerSecond();
    m_p95 = stats.latency().p95;
    m_tokens->setEnabled(
        m_placedRate <= kTokenRateLimit && orderRate() > 0 && orderRate() <= kTokenRateLimit);
    QList<qint64> lag;
    for (int p = 0; p < m_order->count(); ++p) {
        lag.append(m_order->get(p).value(QStringLiteral("lag")).toLongLong());
    }
    m_charts->addSample(m_clock.elapsed() / 1000.0, m_placedRate, lag);
    emit countsChanged();
}

qint64 ShopController::droppedEvents() const
{
    if (!m_session || !m_open) {
        return 0;
    }
    qint64 dropped = 0;
    for (const shop::ShopEventQueue *queue : {m_session->events(), m_session->sessionEvents()}) {
        dropped += queue ? queue->dropped() : 0;
    }
    return dropped;
}

shop::CabinetTotals ShopController::cabinetTotals() const
{
    const shop::ShopStats *stats = m_session && m_open ? m_session->stats() : nullptr;
    return stats ? stats->cabinet().totals() : shop::CabinetTotals {};
}

void ShopController::refreshInspector()
{
    if (m_records->partition() < 0 || m_records->loading() || m_records->held()) {
        return;
    }
    inspectPartition(m_records->topic(), m_records->partition());
}

void ShopController::clearModels()
{
    m_tills->clear();
    m_order->clear();
    m_ready->clear();
    m_cook->clear();
    m_hotFood->clear();
    m_preparers->clear();
    m_cooks->clear();
    m_counters->clear();
    m_late->clear();
    m_backOffice->clear();
    m_deadLetters->clear();
    m_cabinet->clear();
    m_analytics->clear();
    m_rebalances->clear();
    m_tokens->clear();
    m_index.clear();
    m_journey->follow(-1);
    m_records->clear();
    m_charts->clear();
    m_counts = {};
    m_rates = {};
    m_placedRate = 0;
    m_servedRate = 0;
    m_p95 = 0;
    emit countsChanged();
}

void ShopController::setStatus(const QString &status, const QString &text)
{
    m_status = status;
    m_statusText = text;
    emit statusChanged();
}

void ShopController::showSettings(const shop::ShopSettings &settings)
{
    m_state.settings = settings;
    m_tills->setTills(tillCount());
    m_order->setQueues(tillCount());
    m_tokens->setEnabled(orderRate() > 0 && orderRate() <= kTokenRateLimit);
    ++m_settingsRevision;
    emit settingsChanged();
}

PartitionModel *ShopController::partitionsOf(const QString &topic) const
{
    for (PartitionModel *m : {m_order, m_ready, m_cook, m_hotFood}) {
        if (m->topic() == topic) {
            return m;
        }
    }
    return nullptr;
}

void ShopController::commandByHand(std::function<void(shop::ShopSession &)> f)
{
    if (m_session && m_open && !m_changedByHand) {
        m_changedByHand = true;
        emit actionCaptionChanged();
    }
    command(std::move(f));
}

void ShopController::command(std::function<void(shop::ShopSession &)> f)
{
    if (!m_session || !m_open) {
        m_notices->post(QStringLiteral("refused"), QStringLiteral("the shop is not open yet"));
        // The control that asked goes back to what the shop has.
        ++m_settingsRevision;
        emit settingsChanged();
        return;
    }
    shop::ShopSession *session = m_session;
    QMetaObject::invokeMethod(
        session, [session, f = std::move(f)] { f(*session); }, Qt::QueuedConnection);
}

} // namespace chippy::gui
