#include "shop/session/shop_session.h"

#include "kafka/admin.h"
#include "shop/participants/client_settings.h"
#include "shop/participants/late_reader.h"
#include "shop/session/admin_observer.h"
#include "shop/session/local_cluster.h"
#include "shop/shop_context.h"

#include <QDateTime>
#include <QThread>

namespace chippy::shop {

SessionSetup SessionSetup::forBootstrap(const QString &servers)
{
    return fromProfile(kafka::ClusterProfile::forBootstrap(servers));
}

std::optional<SessionSetup> SessionSetup::fromProfileFile(const QString &path, QString *error)
{
    QString why;
    const kafka::ClusterProfile profile = kafka::ClusterProfile::fromFile(path, &why);
    if (!why.isEmpty()) {
        *error = why;
        return std::nullopt;
    }
    return fromProfile(profile);
}

SessionSetup SessionSetup::fromProfile(const kafka::ClusterProfile &profile)
{
    SessionSetup setup;
    setup.base.cluster = profile.clientConfig();
    setup.clusterName = profile.describe();
    return setup;
}

SessionSetup SessionSetup::forLocal(std::shared_ptr<LocalCluster> cluster)
{
    SessionSetup setup;
    setup.local = std::move(cluster);
    return setup;
}

ShopSession::ShopSession(SessionSetup setup, QObject *parent)
    : QObject(parent)
    , m_setup(std::move(setup))
{
    qRegisterMetaType<SessionState>();
    qRegisterMetaType<ClusterViewPtr>();
    qRegisterMetaType<CommandResult>();
    qRegisterMetaType<ActionRecord>();
}

ShopSession::~ShopSession()
{
    close();
}

QString ShopSession::clusterName() const
{
    if (m_setup.local) {
        return QStringLiteral("embedded broker at %1").arg(m_setup.local->bootstrapServers());
    }
    return m_setup.clusterName.isEmpty()
        ? QString::fromUtf8(m_setup.base.cluster.value("bootstrap.servers"))
        : m_setup.clusterName;
}

QList<ActionRecord> ShopSession::actions() const
{
    return m_player ? m_player->actions() : QList<ActionRecord> {};
}

ShopEventQueue *ShopSession::events() const
{
    return m_shop ? &m_shop->events() : nullptr;
}

ShopEventQueue *ShopSession::sessionEvents() const
{
    return m_context ? &m_context->events : nullptr;
}

ShopStats *ShopSession::stats() const
{
    return m_shop ? &m_shop->stats() : nullptr;
}

CommandResult ShopSession::open(const Scenario &scenario, int step)
{
    close();
    m_shop.reset();
    m_player.reset();
    m_scenario = scenario;
    m_config = m_setup.base;
    QString error;
    if (m_setup.local) {
        if (!m_setup.local->start(&error)) {
            emit opened(false, error, {});
            return {false, error};
        }
        m_config.cluster.set("bootstrap.servers", m_setup.local->bootstrapServers().toUtf8());
    }
    m_config = withBackOfficeStores(m_scenario.settledAt(step).appliedTo(m_config));
    m_shop = std::make_unique<Shop>(m_config);
    m_shop->setLocalCluster(m_setup.local.get());
    m_context = std::make_shared<ShopContext>(m_config);
    // Every command of the shop's, whoever gave it, ends in a state the window should draw.
    connect(m_shop.get(), &Shop::commandDone, this,
        [this](const QString &command, bool ok, const QString &text) {
            emit commandDone(command, ok, text);
            publish();
        });
    const CommandResult opened = m_shop->start();
    if (!opened.ok) {
        m_shop.reset();
        if (m_setup.local) {
            m_setup.local->stop();
        }
        emit this->opened(false, opened.text, {});
        return opened;
    }
    m_state = {};
    m_observedPartitions = 0;
    m_observedRetentionMs = -1;
    m_state.open = true;
    m_state.restartable = m_setup.local != nullptr;
    m_state.bootstrap = QString::fromUtf8(m_config.cluster.value("bootstrap.servers"));
    startObserver();
    m_player = std::make_unique<ScenarioPlayer>(m_scenario, m_shop.get());
    connect(m_player.get(), &ScenarioPlayer::stepStarted, this,
        [this](int index, const QString &title, const QString &caption) {
            m_state.step = index;
            emit stepStarted(index, title, caption);
            publish();
        });
    connect(m_player.get(), &ScenarioPlayer::actionDone, this, &ShopSession::actionDone);
    connect(m_player.get(), &ScenarioPlayer::finished, this, &ShopSession::finished);
    // A scene opened part-way has the back office that the steps before it brought in.
    for (const QString &role : m_scenario.joinedBefore(step)) {
        m_shop->addBackOffice(role);
    }
    m_player->show(step, false);
    publish();
    emit this->opened(true, opened.text, m_state.bootstrap);
    return opened;
}

void ShopSession::play(double totalS)
{
    if (m_player) {
        m_player->start(totalS);
    }
}

CommandResult ShopSession::enterStep(int index)
{
    const QString command = QStringLiteral("enter-step");
    if (!m_player) {
        return notOpen(command);
    }
    if (index < 0 || index >= m_scenario.steps.size()) {
        return done(command,
            {false, QStringLiteral("the scenario has steps 1 to %1").arg(m_scenario.steps.size())});
    }
    m_player->show(index, true);
    return {true, m_scenario.steps.at(index).title};
}

CommandResult ShopSession::setTills(int count)
{
    return m_shop ? m_shop->setTills(count) : notOpen(QStringLiteral("set-tills"));
}

CommandResult ShopSession::setPartitions(int count)
{
    return m_shop ? m_shop->setOrderPartitions(count) : notOpen(QStringLiteral("set-partitions"));
}

CommandResult ShopSession::setPreparers(int count)
{
    return m_shop ? m_shop->setPreparers(count) : notOpen(QStringLiteral("set-preparers"));
}

CommandResult ShopSession::setCooks(int count)
{
    return m_shop ? m_shop->setCooks(count) : notOpen(QStringLiteral("set-cooks"));
}

CommandResult ShopSession::setCounters(int count)
{
    return m_shop ? m_shop->setCounters(count) : notOpen(QStringLiteral("set-counters"));
}

CommandResult ShopSession::setOrderRate(double perSecond)
{
    return m_shop ? m_shop->setOrderRate(perSecond) : notOpen(QStringLiteral("set-rate"));
}

CommandResult ShopSession::setCookTime(int ms)
{
    return m_shop ? m_shop->setCookTime(ms) : notOpen(QStringLiteral("set-cook-time"));
}

CommandResult ShopSession::setPlaiceShare(double share)
{
    return m_shop ? m_shop->setPlaiceShare(share) : notOpen(QStringLiteral("set-plaice-share"));
}

CommandResult ShopSession::setPaused(bool paused)
{
    if (!m_shop) {
        return notOpen(paused ? QStringLiteral("pause") : QStringLiteral("resume"));
    }
    return paused ? m_shop->pause() : m_shop->resume();
}

CommandResult ShopSession::killPreparer()
{
    return m_shop ? m_shop->killPreparer() : notOpen(QStringLiteral("kill-preparer"));
}

CommandResult ShopSession::placeBadOrder()
{
    return m_shop ? m_shop->placeBadOrder() : notOpen(QStringLiteral("bad-order"));
}

CommandResult ShopSession::restartBroker()
{
    if (!m_shop) {
        return notOpen(QStringLiteral("restart-broker"));
    }
    m_state.broker = QStringLiteral("down");
    m_state.rejoined.clear();
    publish();
    const CommandResult result = m_shop->restartBroker();
    if (result.ok) {
        m_state.broker = QStringLiteral("reconnecting");
        m_servedAtRestart = m_shop->stats().counts().served;
        publish();
    }
    return result;
}

CommandResult ShopSession::stopTills()
{
    return m_shop ? m_shop->stopTills() : notOpen(QStringLiteral("stop-tills"));
}

CommandResult ShopSession::closeForTheDay()
{
    return m_shop ? m_shop->closeForTheDay() : notOpen(QStringLiteral("close-for-the-day"));
}

CommandResult ShopSession::setRetention(int seconds)
{
    const QString command = QStringLiteral("set-retention");
    if (!m_shop) {
        return notOpen(command);
    }
    if (seconds < 0) {
        return done(command, {false, QStringLiteral("retention cannot be negative")});
    }
    QString error;
    if (!m_admin) {
        m_admin = kafka::Admin::create(
            producerSettings(m_config, QStringLiteral("chippy-session")), &error);
    }
    QMap<QByteArray, QByteArray> configs;
    configs.insert("retention.ms",
        QByteArray::number(seconds > 0 ? qint64(seconds) * 1000 : kDefaultRetentionMs));
    if (seconds > 0) {
        configs.insert("segment.bytes", QByteArray::number(kRetentionSegmentBytes));
    }
    const QString topic = m_config.topics.order();
    if (!m_admin || !m_admin->alterTopicConfig(topic, configs, kAdminTimeoutMs, &error)) {
        m_admin.reset();
        return done(command, {false, error});
    }
    m_state.retentionS = seconds;
    return done(command,
        {true,
            seconds > 0 ? QStringLiteral("%1 keeps records for %2 s; older segments are deleted "
                                         "and the log start moves up")
                              .arg(topic)
                              .arg(seconds)
                        : QStringLiteral("%1 keeps records for a week again").arg(topic)});
}

CommandResult ShopSession::addLateReader(const kafka::StartPosition &start)
{
    const QString command = QStringLiteral("late-reader");
    if (!m_shop) {
        return notOpen(command);
    }
    const int index = static_cast<int>(m_late.size()) + 1;
    auto *reader = new LateReader(index, start, m_context);
    auto *thread = new QThread(this);
    thread->setObjectName(reader->name());
    reader->moveToThread(thread);
    connect(thread, &QThread::finished, reader, &QObject::deleteLater);
    thread->start();
    QMetaObject::invokeMethod(reader, &Participant::start, Qt::QueuedConnection);
    m_late.append({thread, reader});
    if (m_observer) {
        const QString group = LateReader::nameFor(index);
        QMetaObject::invokeMethod(
            m_observer, [o = m_observer, group] { o->addGroup(group); }, Qt::QueuedConnection);
    }
    m_state.lateReaders = static_cast<int>(m_late.size());
    return done(command,
        {true,
            QStringLiteral("%1 joins a group of its own and reads %2 from %3")
                .arg(LateReader::nameFor(index), m_config.topics.order(), start.toString())});
}

CommandResult ShopSession::addBackOffice(const QString &role)
{
    return m_shop ? m_shop->addBackOffice(role) : notOpen(QStringLiteral("add-") + role);
}

ShopConfig ShopSession::withBackOfficeStores(ShopConfig config)
{
    QString dir;
    if (m_setup.local) {
        dir = m_setup.local->dataDir();
    } else {
        m_storeDir = std::make_unique<QTemporaryDir>();
        dir = m_storeDir->path();
    }
    if (!config.analytics.usesOpenSearch() && config.analytics.sqlitePath.isEmpty()) {
        config.analytics.sqlitePath = dir + QStringLiteral("/analytics.db");
    }
    if (config.ledger.dsn.isEmpty()) {
        config.ledger.dsn = QStringLiteral("sqlite:") + dir + QStringLiteral("/ledger.db");
    }
    return config;
}

void ShopSession::close()
{
    stopObserver();
    if (m_player) {
        m_player->stop();
    }
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
    }
    if (m_setup.local) {
        m_setup.local->stop();
    }
    if (m_state.open) {
        m_state.open = false;
        emit stateChanged(m_state);
    }
}

CommandResult ShopSession::notOpen(const QString &command)
{
    return done(command, {false, QStringLiteral("the shop is not open")});
}

CommandResult ShopSession::done(const QString &command, CommandResult result)
{
    if (m_context) {
        ShopEvent e;
        e.kind = ShopEvent::Kind::Command;
        e.timeMs = QDateTime::currentMSecsSinceEpoch();
        e.participant = QStringLiteral("session");
        e.value = result.ok ? 1 : 0;
        e.text = command + QStringLiteral(": ") + result.text;
        m_context->events.push(e);
    }
    emit commandDone(command, result.ok, result.text);
    publish();
    return result;
}

void ShopSession::startObserver()
{
    const TopicNames &t = m_config.topics;
    const QStringList topics = {t.order(), t.ready(), t.cook(), t.hotFood()};
    const QStringList groups
        = {t.preparers(), t.cooks(), t.counters(), t.accountant(), t.statistician(), t.stockist()};
    std::unique_ptr<ClusterObserver> observer = m_setup.local
        ? m_setup.local->observer(topics, groups)
        : std::make_unique<AdminObserver>(m_config.cluster, topics, groups);
    m_observer = observer.release();
    m_observerThread = new QThread(this);
    m_observerThread->setObjectName(QStringLiteral("observer"));
    m_observer->moveToThread(m_observerThread);
    connect(m_observerThread, &QThread::finished, m_observer, &QObject::deleteLater);
    connect(m_observer, &ClusterObserver::observed, this, &ShopSession::onObserved);
    m_observerThread->start();
    QMetaObject::invokeMethod(m_observer, &ClusterObserver::start, Qt::QueuedConnection);
}

void ShopSession::stopObserver()
{
    if (!m_observerThread) {
        return;
    }
    disconnect(m_observer, nullptr, this, nullptr);
    QMetaObject::invokeMethod(m_observer, &ClusterObserver::stop, Qt::BlockingQueuedConnection);
    m_observerThread->quit();
    m_observerThread->wait();
    delete m_observerThread;
    m_observerThread = nullptr;
    m_observer = nullptr;
}

void ShopSession::onObserved(const ClusterViewPtr &view)
{
    emit clusterObserved(view);
    if (m_state.broker == QLatin1String("reconnecting")) {
        followReconnect(*view);
    }
    const ClusterView::Topic *order = view->topic(m_config.topics.order());
    if (!order) {
        return;
    }
    // Partitions added from outside the shop count too: the topic is what the cluster says.
    const int partitions = static_cast<int>(order->partitions.size());
    bool changed = false;
    if (partitions > m_observedPartitions) {
        m_observedPartitions = partitions;
        changed = true;
    }
    // So does retention set from outside. Only a change counts: a reading taken just before
    // a command of ours must not undo it.
    if (order->retentionMs != m_observedRetentionMs) {
        m_observedRetentionMs = order->retentionMs;
        m_state.retentionS = order->retentionMs > 0 && order->retentionMs < kDefaultRetentionMs
            ? static_cast<int>(order->retentionMs / 1000)
            : 0;
        changed = true;
    }
    if (changed) {
        publish();
    }
}

void ShopSession::followReconnect(const ClusterView &view)
{
    const TopicNames &t = m_config.topics;
    struct Wanted
    {
        QString words;
        QString groupId;
        int members;
    };
    const QList<Wanted> groups = {
        {QStringLiteral("preparers"), t.preparers(), m_shop->preparers()},
        {QStringLiteral("cooks"), t.cooks(), m_shop->cooks()},
        {QStringLiteral("counters"), t.counters(), m_shop->counters()},
    };
    QStringList words;
    bool allBack = true;
    for (const auto &[who, groupId, wanted] : groups) {
        if (wanted == 0) {
            continue;
        }
        const ClusterView::Group *group = view.group(groupId);
        const int back = group && group->state == QLatin1String("Stable")
            ? static_cast<int>(group->members.size())
            : 0;
        allBack = allBack && back >= wanted;
        words << QStringLiteral("%1 %2 of %3").arg(who).arg(std::min(back, wanted)).arg(wanted);
    }
    const bool ordering = m_shop->tills() > 0 && !m_shop->live().paused.load();
    const bool serving = !ordering || m_shop->stats().counts().served > m_servedAtRestart;
    const QString rejoined = words.join(QStringLiteral(" · "));
    if (allBack && serving) {
        m_state.broker = QStringLiteral("up");
        m_state.rejoined.clear();
        publish();
    } else if (rejoined != m_state.rejoined) {
        m_state.rejoined = rejoined;
        publish();
    }
}

void ShopSession::publish()
{
    if (!m_shop || !m_state.open) {
        return;
    }
    const LiveSettings &live = m_shop->live();
    ShopSettings s;
    s.model = live.model.load();
    s.tills = m_shop->tills();
    s.orderPartitions = std::max(m_shop->orderPartitions(), m_observedPartitions);
    s.preparers = m_shop->preparers();
    s.cooks = m_shop->cooks();
    s.counters = m_shop->counters();
    s.ordersPerSecond = live.ordersPerSecond.load();
    s.cookTimeMs = live.cookTimeMs.load();
    s.plaiceShare = live.plaiceShare.load();
    m_state.settings = s;
    m_state.paused = live.paused.load();
    m_state.backOffice = m_shop->backOffice();
    emit stateChanged(m_state);
}

} // namespace chippy::shop
