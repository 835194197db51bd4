#include "shop_controller.h"

#include "chart_feed.h"
#include "event_drain.h"
#include "journey_model.h"
#include "member_model.h"
#include "notice_model.h"
#include "partition_model.h"
#include "rebalance_model.h"
#include "record_model.h"
#include "scene_list.h"
#include "shop.h"
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
    , m_drain(new EventDrain(this))
    , m_settings(m_base)
{
    s_instance = this;
    qRegisterMetaType<SnapshotPtr>();
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
    retireHost();
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
    count = std::clamp(count, 0, kMaxCount);
    m_settings.tills = count;
    m_tills->setTills(count);
    m_order->setQueues(count);
    emit settingsChanged();
    command([count](shop::Shop &s) { s.setTills(count); });
}

void ShopController::setPartitions(int count)
{
    const int now = std::max(m_order->count(), m_settings.orderPartitions);
    if (count < now) {
        m_notices->post(QStringLiteral("refused"),
            QStringLiteral("Kafka cannot take partitions away: %1 keeps its %2; a topic only "
                           "ever grows")
                .arg(orderTopic())
                .arg(now));
        emit settingsChanged();
        return;
    }
    count = std::min(count, kMaxPartitions);
    if (count == now) {
        return;
    }
    m_settings.orderPartitions = count;
    emit settingsChanged();
    command([count](shop::Shop &s) { s.setOrderPartitions(count); });
}

void ShopController::setPreparers(int count)
{
    count = std::clamp(count, 0, kMaxCount);
    m_settings.preparers = count;
    emit settingsChanged();
    command([count](shop::Shop &s) { s.setPreparers(count); });
}

void ShopController::setCooks(int count)
{
    count = std::clamp(count, 0, kMaxCount);
    m_settings.cooks = count;
    emit settingsChanged();
    command([count](shop::Shop &s) { s.setCooks(count); });
}

void ShopController::setCounters(int count)
{
    count = std::clamp(count, 0, kMaxCount);
    m_settings.counters = count;
    emit settingsChanged();
    command([count](shop::Shop &s) { s.setCounters(count); });
}

void ShopController::setOrderRate(double perSecond)
{
    perSecond = std::max(0.0, perSecond);
    m_settings.ordersPerSecond = perSecond;
    m_tokens->setEnabled(perSecond > 0 && perSecond <= kTokenRateLimit);
    emit settingsChanged();
    command([perSecond](shop::Shop &s) { s.setOrderRate(perSecond); });
}

void ShopController::setCookTime(int ms)
{
    ms = std::max(0, ms);
    m_settings.cookTimeMs = ms;
    emit settingsChanged();
    command([ms](shop::Shop &s) { s.setCookTime(ms); });
}

void ShopController::setPlaiceShare(double share)
{
    share = std::clamp(share, 0.0, 1.0);
    m_settings.plaiceShare = share;
    emit settingsChanged();
    command([share](shop::Shop &s) { s.setPlaiceShare(share); });
}

void ShopController::setRetention(int seconds)
{
    seconds = std::max(0, seconds);
    if (!m_host || !m_open) {
        m_notices->post(QStringLiteral("refused"), QStringLiteral("the shop is not open yet"));
        return;
    }
    m_retentionS = seconds;
    emit settingsChanged();
    ShopHost *host = m_host;
    QMetaObject::invokeMethod(
        host, [host, seconds] { host->setRetention(seconds); }, Qt::QueuedConnection);
}

void ShopController::killPreparer()
{
    m_settings.preparers = std::max(0, m_settings.preparers - 1);
    emit settingsChanged();
    command([](shop::Shop &s) { s.killPreparer(); });
}

void ShopController::placeBadOrder()
{
    command([](shop::Shop &s) { s.placeBadOrder(); });
}

void ShopController::restartBroker()
{
    if (!m_embedded) {
        m_notices->post(QStringLiteral("refused"),
            QStringLiteral("only the embedded broker can be restarted from here"));
        return;
    }
    command([](shop::Shop &s) { s.restartBroker(); });
}

void ShopController::togglePause()
{
    m_paused = !m_paused;
    emit settingsChanged();
    const bool paused = m_paused;
    command([paused](shop::Shop &s) { paused ? s.pause() : s.resume(); });
}

void ShopController::step()
{
    if (!m_paused) {
        return;
    }
    command([](shop::Shop &s) { s.resume(); });
    QTimer::singleShot(kStepMs, this, [this] {
        if (m_paused) {
            command([](shop::Shop &s) { s.pause(); });
        }
    });
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
    if (!m_host || !m_open) {
        return QStringLiteral("the shop is not open yet");
    }
    ++m_lateReaders;
    m_notices->post(QStringLiteral("done"),
        QStringLiteral("late-%1 joins a group of its own and reads %2 from %3")
            .arg(m_lateReaders)
            .arg(orderTopic(), start.toString()));
    ShopHost *host = m_host;
    QMetaObject::invokeMethod(
        host, [host, start] { host->addLateConsumer(start); }, Qt::QueuedConnection);
    return {};
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
    const shop::ScenarioStep step = m_scenes->step(m_scene);
    applyStepSettings(step);
    m_actionCaption.clear();
    emit actionCaptionChanged();
    emit sceneChanged();
    ShopHost *host = m_host;
    QMetaObject::invokeMethod(
        host, [host, step] { host->enterStep(step); }, Qt::QueuedConnection);
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

QString ShopController::connectNow()
{
    const QString problem = m_cluster->problem();
    if (!problem.isEmpty()) {
        return problem;
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
    retireHost();
    clearModels();
    m_scene = scene;
    m_actionCaption.clear();
    emit actionCaptionChanged();
    emit sceneChanged();

    const shop::ScenarioStep step = m_scenes->settled(scene);
    m_settings = m_base;
    applyStepSettings(step);
    m_paused = false;
    m_lateReaders = 0;
    m_retentionS = 0;
    m_tills->setTills(m_settings.tills);
    m_order->setQueues(m_settings.tills);
    m_tokens->setEnabled(
        m_settings.ordersPerSecond > 0 && m_settings.ordersPerSecond <= kTokenRateLimit);

    m_embedded = m_cluster->embedded();
    const kafka::ClusterProfile profile = m_cluster->profile();
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("shop"));
    m_host = new ShopHost;
    m_host->moveToThread(m_thread);
    connect(m_host, &ShopHost::opened, this, &ShopController::onOpened);
    connect(m_host, &ShopHost::snapshotTaken, this, &ShopController::onSnapshot);
    connect(m_host, &ShopHost::actionCaption, this, [this](const QString &caption) {
        m_actionCaption = caption;
        emit actionCaptionChanged();
    });
    m_thread->start();
    m_openClock.start();
    setStatus(QStringLiteral("starting"),
        m_embedded ? QStringLiteral("starting the embedded broker")
                   : QStringLiteral("connecting to %1").arg(profile.describe()));
    ShopHost *host = m_host;
    const bool embedded = m_embedded;
    const shop::ShopConfig base = m_base;
    QMetaObject::invokeMethod(
        host, [host, profile, embedded, base, step] { host->open(profile, embedded, base, step); },
        Qt::QueuedConnection);
}

void ShopController::retireHost()
{
    if (!m_host) {
        return;
    }
    m_open = false;
    m_drain->stop();
    m_drain->detachAll();
    m_sampler.stop();
    m_inspector.stop();
    disconnect(m_host, nullptr, this, nullptr);
    ShopHost *host = m_host;
    QThread *thread = m_thread;
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    // The old shop closes in the background while the new one opens.
    QMetaObject::invokeMethod(
        host,
        [host] {
            host->shutdown();
            host->deleteLater();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_retiring.removeAll(nullptr);
    m_retiring.append(thread);
    m_host = nullptr;
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
    m_drain->attach(&m_host->shop()->events());
    m_drain->attach(m_host->lateEvents());
    m_drain->start();
    m_records->setCluster(m_embedded ? kafka::ClusterProfile::forBootstrap(bootstrap).clientConfig()
                                     : m_cluster->profile().clientConfig());
    m_clock.start();
    m_sampler.start();
    setStatus(QStringLiteral("running"),
        m_embedded ? QStringLiteral("embedded broker %1").arg(bootstrap)
                   : m_cluster->profile().describe());
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
    m_rebalances->applyEvents(events);
    m_notices->applyEvents(events);
    m_tokens->applyEvents(events, now);
    if (m_index.add(events, m_journey->order())) {
        m_journey->refresh();
    }
    if (m_order->count() > 0) {
        m_tills->setPartitions(m_order->count());
    }
    emit batchApplied(static_cast<int>(events.size()));
}

void ShopController::onSnapshot(const SnapshotPtr &snapshot)
{
    if (!m_open || !snapshot) {
        return;
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_order->applySnapshot(*snapshot, now);
    m_ready->applySnapshot(*snapshot, now);
    m_cook->applySnapshot(*snapshot, now);
    m_hotFood->applySnapshot(*snapshot, now);
    m_preparers->applySnapshot(*snapshot);
    m_cooks->applySnapshot(*snapshot);
    m_counters->applySnapshot(*snapshot);
    m_late->applySnapshot(*snapshot);
    if (m_order->count() > 0) {
        m_tills->setPartitions(m_order->count());
    }
    if (m_order->count() > m_settings.orderPartitions) {
        m_settings.orderPartitions = m_order->count();
        emit settingsChanged();
    }
    emit snapshotApplied();
}

void ShopController::sample()
{
    if (!m_open) {
        return;
    }
    shop::ShopStats &stats = m_host->shop()->stats();
    m_counts = stats.counts();
    m_rates.sample(m_counts, m_clock.elapsed());
    m_placedRate = m_rates.placedPerSecond();
    m_servedRate = m_rates.servedPerSecond();
    m_p95 = stats.latency().p95;
    m_tokens->setEnabled(m_placedRate <= kTokenRateLimit && m_settings.ordersPerSecond > 0
        && m_settings.ordersPerSecond <= kTokenRateLimit);
    QList<qint64> lag;
    for (int p = 0; p < m_order->count(); ++p) {
        lag.append(m_order->get(p).value(QStringLiteral("lag")).toLongLong());
    }
    m_charts->addSample(m_clock.elapsed() / 1000.0, m_placedRate, lag);
    emit countsChanged();
}

void ShopController::refreshInspector()
{
    if (m_records->partition() < 0 || m_records->loading()) {
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

void ShopController::applyStepSettings(const shop::ScenarioStep &step)
{
    if (step.model) {
        m_settings.model = *step.model;
    }
    if (step.tills) {
        m_settings.tills = *step.tills;
        m_tills->setTills(m_settings.tills);
        m_order->setQueues(m_settings.tills);
    }
    if (step.orderPartitions) {
        m_settings.orderPartitions = std::max(m_settings.orderPartitions, *step.orderPartitions);
    }
    if (step.preparers) {
        m_settings.preparers = *step.preparers;
    }
    if (step.cooks) {
        m_settings.cooks = *step.cooks;
    }
    if (step.counters) {
        m_settings.counters = *step.counters;
    }
    if (step.ordersPerSecond) {
        m_settings.ordersPerSecond = *step.ordersPerSecond;
    }
    if (step.cookTimeMs) {
        m_settings.cookTimeMs = *step.cookTimeMs;
    }
    if (step.plaiceShare) {
        m_settings.plaiceShare = *step.plaiceShare;
    }
    if (m_settings.cookTimeMs < 0) {
        const shop::MenuItem *plaice = m_settings.menu.item(QStringLiteral("plaice"));
        m_settings.cookTimeMs = plaice ? plaice->cookTimeMs : 0;
    }
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

void ShopController::command(std::function<void(shop::Shop &)> f)
{
    if (!m_host || !m_open) {
        m_notices->post(QStringLiteral("refused"), QStringLiteral("the shop is not open yet"));
        return;
    }
    ShopHost *host = m_host;
    QMetaObject::invokeMethod(
        host,
        [host, f = std::move(f)] {
            if (host->shop()) {
                f(*host->shop());
            }
        },
        Qt::QueuedConnection);
}

} // namespace chippy::gui
