#include "shop_host.h"

#include "admin.h"
#include "broker.h"
#include "client_settings.h"
#include "embedded_cluster.h"
#include "late_consumer.h"
#include "scenario_player.h"
#include "shop.h"
#include "shop_context.h"

#include <QDateTime>
#include <QThread>

namespace chippy::gui {

ShopHost::ShopHost()
{
    // A child, so that it moves to the shop's thread with its host.
    m_snapshots.setParent(this);
    m_snapshots.setInterval(kSnapshotIntervalMs);
    connect(&m_snapshots, &QTimer::timeout, this, &ShopHost::takeSnapshot);
}

ShopHost::~ShopHost()
{
    shutdown();
}

shop::ShopEventQueue *ShopHost::lateEvents() const
{
    return m_lateContext ? &m_lateContext->events : nullptr;
}

void ShopHost::open(const kafka::ClusterProfile &profile, bool embedded,
    const shop::ShopConfig &base, const shop::ScenarioStep &step)
{
    QString error;
    kafka::ClusterProfile where = profile;
    if (embedded) {
        m_cluster = std::make_unique<shop::EmbeddedCluster>();
        if (!m_cluster->start(&error)) {
            m_cluster.reset();
            emit opened(false, error, {});
            return;
        }
        where = kafka::ClusterProfile::forBootstrap(m_cluster->bootstrapServers());
    }
    shop::Scenario scene;
    scene.steps = {step};
    shop::ShopConfig config = base;
    config.cluster = where.clientConfig();
    config = scene.initialConfig(config);
    m_shop = std::make_unique<shop::Shop>(config);
    m_shop->setEmbeddedCluster(m_cluster.get());
    m_lateContext = std::make_shared<shop::ShopContext>(config);
    const shop::CommandResult result = m_shop->start();
    if (!result.ok) {
        m_shop.reset();
        m_cluster.reset();
        emit opened(false, result.text, where.bootstrapServers);
        return;
    }
    if (m_cluster) {
        m_snapshots.start();
        takeSnapshot();
    }
    emit opened(true, result.text, where.bootstrapServers);
    playActions(step);
}

void ShopHost::enterStep(const shop::ScenarioStep &step)
{
    if (!m_shop) {
        return;
    }
    if (step.model) {
        m_shop->setModel(*step.model);
    }
    if (step.orderPartitions && *step.orderPartitions > m_shop->orderPartitions()) {
        m_shop->setOrderPartitions(*step.orderPartitions);
    }
    if (step.counters) {
        m_shop->setCounters(*step.counters);
    }
    if (step.cooks) {
        m_shop->setCooks(*step.cooks);
    }
    if (step.preparers) {
        m_shop->setPreparers(*step.preparers);
    }
    if (step.tills) {
        m_shop->setTills(*step.tills);
    }
    if (step.ordersPerSecond) {
        m_shop->setOrderRate(*step.ordersPerSecond);
    }
    if (step.cookTimeMs) {
        m_shop->setCookTime(*step.cookTimeMs);
    }
    if (step.plaiceShare) {
        m_shop->setPlaiceShare(*step.plaiceShare);
    }
    playActions(step);
}

void ShopHost::addLateConsumer(const kafka::StartPosition &start)
{
    if (!m_lateContext) {
        return;
    }
    auto *reader = new LateConsumer(static_cast<int>(m_late.size()) + 1, start, m_lateContext);
    auto *thread = new QThread(this);
    thread->setObjectName(reader->name());
    reader->moveToThread(thread);
    connect(thread, &QThread::finished, reader, &QObject::deleteLater);
    thread->start();
    QMetaObject::invokeMethod(reader, &shop::Participant::start, Qt::QueuedConnection);
    m_late.append({thread, reader});
}

void ShopHost::setRetention(int seconds)
{
    if (!m_shop) {
        return;
    }
    const shop::ShopConfig &config = m_shop->config();
    QString error;
    if (!m_admin) {
        m_admin = kafka::Admin::create(
            shop::producerSettings(config, QStringLiteral("chippy-window")), &error);
    }
    QMap<QByteArray, QByteArray> configs;
    configs.insert("retention.ms",
        seconds > 0 ? QByteArray::number(qint64(seconds) * 1000) : QByteArray("604800000"));
    if (seconds > 0) {
        configs.insert("segment.bytes", QByteArray::number(kRetentionSegmentBytes));
    }
    const QString topic = config.topics.order();
    if (!m_admin || !m_admin->alterTopicConfig(topic, configs, kAdminTimeoutMs, &error)) {
        m_admin.reset();
        notice(false, QStringLiteral("set-retention: %1").arg(error));
        return;
    }
    notice(true,
        seconds > 0
            ? QStringLiteral("set-retention: %1 keeps records for %2 s; older segments "
                             "are deleted and the log start moves up")
                  .arg(topic)
                  .arg(seconds)
            : QStringLiteral("set-retention: %1 keeps records for a week again").arg(topic));
}

void ShopHost::notice(bool ok, const QString &text)
{
    if (!m_lateContext) {
        return;
    }
    shop::ShopEvent e;
    e.kind = shop::ShopEvent::Kind::Command;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.participant = QStringLiteral("window");
    e.value = ok ? 1 : 0;
    e.text = text;
    m_lateContext->events.push(e);
}

void ShopHost::shutdown()
{
    m_snapshots.stop();
    m_player.reset();
    for (const Late &late : std::as_const(m_late)) {
        QMetaObject::invokeMethod(late.reader, "stop", Qt::BlockingQueuedConnection);
        late.thread->quit();
        late.thread->wait();
        delete late.thread;
    }
    m_late.clear();
    m_admin.reset();
    if (m_shop) {
        m_shop->stop();
        m_shop.reset();
    }
    m_cluster.reset();
}

void ShopHost::playActions(const shop::ScenarioStep &step)
{
    m_player.reset();
    if (step.actions.isEmpty()) {
        return;
    }
    shop::Scenario actions;
    actions.steps = {step};
    m_player = std::make_unique<shop::ScenarioPlayer>(actions, m_shop.get());
    connect(m_player.get(), &shop::ScenarioPlayer::actionDone, this,
        [this](const shop::ActionRecord &r) { emit actionCaption(r.detail); });
    m_player->start();
}

void ShopHost::takeSnapshot()
{
    if (!m_cluster || !m_cluster->isRunning()) {
        return;
    }
    emit snapshotTaken(
        std::make_shared<const broker::BrokerSnapshot>(m_cluster->broker()->snapshot()));
}

} // namespace chippy::gui
