#include "shop/shop.h"

#include "kafka/admin.h"
#include "shop/participants/client_settings.h"
#include "shop/participants/cook.h"
#include "shop/participants/counter.h"
#include "shop/participants/food_preparer.h"
#include "shop/participants/ledger_reader.h"
#include "shop/participants/statistician.h"
#include "shop/participants/till.h"
#include "shop/session/local_cluster.h"
#include "shop/shop_log.h"
#include "shop/shop_settings.h"
#include "shop/worker_priority.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QThread>
#include <QUrl>

namespace chippy::shop {

namespace {

constexpr int kMaxParticipants = ShopSettings::kMaxParticipants;
constexpr int kMaxPartitions = ShopSettings::kMaxPartitions;

CommandResult failed(const QString &text)
{
    return {false, text};
}

CommandResult succeeded(const QString &text)
{
    return {true, text};
}

LiveSettings &initialised(LiveSettings &live, const ShopConfig &config)
{
    const ShopSettings settings = ShopSettings::of(config);
    live.ordersPerSecond = *settings.ordersPerSecond;
    live.plaiceShare = *settings.plaiceShare;
    live.model = *settings.model;
    live.tills = *settings.tills;
    live.cookTimeMs = *settings.cookTimeMs;
    return live;
}

QString describeAnalytics(const analytics::AnalyticsSettings &settings)
{
    return settings.usesOpenSearch()
        ? QStringLiteral("OpenSearch at %1")
              .arg(QUrl(settings.url).adjusted(QUrl::RemoveUserInfo).toString())
        : QStringLiteral("the embedded SQLite store");
}

QString describeLedger(const ledger::LedgerSettings &settings)
{
    const QUrl url(settings.dsn);
    return url.scheme().startsWith(QLatin1String("postgres"))
        ? QStringLiteral("PostgreSQL at %1:%2%3")
              .arg(url.host())
              .arg(url.port(5432))
              .arg(url.path())
        : QStringLiteral("the embedded SQLite ledger");
}

} // namespace

Shop::Shop(ShopConfig config, QObject *parent)
    : QObject(parent)
    , m_context(std::make_shared<ShopContext>(std::move(config)))
{
    initialised(m_context->live, m_context->config);
}

Shop::~Shop()
{
    stop();
}

QStringList Shop::preparerNames() const
{
    QStringList names;
    for (const Worker &w : m_preparers) {
        names << w.participant->name();
    }
    return names;
}

CommandResult Shop::start()
{
    if (m_running) {
        return succeeded(QStringLiteral("the shop is open"));
    }
    QString error;
    m_admin
        = kafka::Admin::create(producerSettings(config(), QStringLiteral("shop-admin")), &error);
    if (!m_admin || !m_admin->probe(kProbeTimeoutMs, &error) || !ensureTopics(&error)) {
        m_admin.reset();
        return done(QStringLiteral("open"), failed(error));
    }
    m_running = true;
    const ShopConfig &c = config();
    // Readers first, so that they are in their groups when the first orders arrive.
    setCounters(c.counters);
    if (c.hasCook()) {
        setCooks(c.cooks);
    }
    setPreparers(c.preparers);
    if (live().model >= ShopConfig::kFirstModelWithCabinet) {
        openCabinet();
    }
    // Orders placed while the groups still rebalance would wait, and spoil the first
    // seconds of a demonstration and every latency figure.
    if (!waitUntilReady(kJoinTimeoutMs)) {
        qCInfo(lcShop) << "the groups took longer than" << kJoinTimeoutMs
                       << "ms to settle; opening the tills anyway";
    }
    setTills(c.tills);
    return done(QStringLiteral("open"),
        succeeded(QStringLiteral("the shop is open on %1")
                      .arg(QString::fromUtf8(c.cluster.value("bootstrap.servers")))));
}

void Shop::stop()
{
    if (!m_running) {
        return;
    }
    // Upstream first, so each stage can still hand on what it holds.
    retireAll(m_tills);
    retireAll(m_preparers);
    retireAll(m_cooks);
    retireAll(m_counters);
    if (m_context->hotCabinet.isOpen()) {
        closeForTheDay();
    }
    retireAll(m_backOffice);
    m_admin.reset();
    m_running = false;
    done(QStringLiteral("close"), succeeded(QStringLiteral("the shop is closed")));
}

CommandResult Shop::stopTills()
{
    retireAll(m_tills);
    return done(QStringLiteral("stop-tills"),
        succeeded(QStringLiteral("the tills are closed; orders in hand are still served")));
}

CommandResult Shop::setTills(int count)
{
    if (count < 0 || count > kMaxParticipants) {
        return done(QStringLiteral("set-tills"),
            failed(QStringLiteral("tills must be between 0 and %1").arg(kMaxParticipants)));
    }
    live().tills = std::max(1, count);
    return resize(
        m_tills, count, nullptr, [this](int queue) { return new Till(queue, m_context); },
        QStringLiteral("tills"));
}

CommandResult Shop::setPreparers(int count)
{
    return resize(
        m_preparers, count, &m_nextPreparer,
        [this](int index) { return new FoodPreparer(index, m_context); },
        QStringLiteral("preparers"));
}

CommandResult Shop::setCooks(int count)
{
    const CommandResult result = resize(
        m_cooks, count, &m_nextCook, [this](int index) { return new Cook(index, m_context); },
        QStringLiteral("cooks"));
    updatePreparerTopics();
    return result;
}

CommandResult Shop::setCounters(int count)
{
    return resize(
        m_counters, count, &m_nextCounter,
        [this](int index) { return new Counter(index, m_context); }, QStringLiteral("counters"));
}

CommandResult Shop::setOrderPartitions(int count)
{
    const QString command = QStringLiteral("set-partitions");
    if (!m_admin) {
        return done(command, failed(QStringLiteral("the shop is not open")));
    }
    if (count > kMaxPartitions) {
        return done(command,
            failed(QStringLiteral("at most %1 partitions in this shop").arg(kMaxPartitions)));
    }
    QString error;
    if (!m_admin->createPartitions(config().topics.order(), count, kAdminTimeoutMs, &error)) {
        return done(command, failed(error));
    }
    const int before = m_orderPartitions;
    m_orderPartitions = count;
    return done(command,
        succeeded(before == count
                ? QStringLiteral("%1 already has %2 partitions")
                      .arg(config().topics.order())
                      .arg(count)
                : QStringLiteral("%1 now has %2 partitions (was %3); the preparers will rebalance")
                      .arg(config().topics.order())
                      .arg(count)
                      .arg(before)));
}

QStringList Shop::backOffice() const
{
    QStringList names;
    for (const Worker &w : m_backOffice) {
        names << w.participant->name().mid(config().topics.prefix.size());
    }
    return names;
}

const QStringList &Shop::backOfficeRoles()
{
    static const QStringList roles {
        QStringLiteral("accountant"), QStringLiteral("statistician"), QStringLiteral("stockist")};
    return roles;
}

CommandResult Shop::addBackOffice(const QString &role)
{
    const QString command = QStringLiteral("add-") + role;
    if (!m_running) {
        return done(command, failed(QStringLiteral("the shop is not open")));
    }
    const TopicNames &t = config().topics;
    Participant *reader = nullptr;
    QString reads;
    if (role == QLatin1String("accountant")) {
        reader = new Accountant(m_context);
        reads = QStringLiteral("%1 and books the money taken in %2")
                    .arg(t.order(), describeLedger(config().ledger));
    } else if (role == QLatin1String("statistician")) {
        reader = new Statistician(m_context);
        reads = QStringLiteral("%1, %2, %3 and %4 into %5")
                    .arg(t.order(), t.cook(), t.hotFood(), t.ready(),
                        describeAnalytics(config().analytics));
    } else if (role == QLatin1String("stockist")) {
        reader = new Stockist(m_context);
        reads = QStringLiteral("%1 and %2 and books the portions used in %3")
                    .arg(t.order(), t.cook(), describeLedger(config().ledger));
    } else {
        return done(command,
            failed(QStringLiteral("there is no %1 in the back office (only %2)")
                       .arg(role, backOfficeRoles().join(QStringLiteral(", ")))));
    }
    if (backOffice().contains(role)) {
        const QString name = reader->name();
        delete reader;
        return done(command, failed(QStringLiteral("%1 is already here").arg(name)));
    }
    launch(m_backOffice, reader);
    return done(command,
        succeeded(QStringLiteral("%1 joins late, in a group of its own, and replays %2 from the "
                                 "start of the log")
                      .arg(reader->name(), reads)));
}

CommandResult Shop::killPreparer()
{
    const QString command = QStringLiteral("kill-preparer");
    if (m_preparers.isEmpty()) {
        return done(command, failed(QStringLiteral("there is no preparer to kill")));
    }
    const Worker victim = m_preparers.takeLast();
    const QString name = victim.participant->name();
    retire(victim, true);
    return done(command,
        succeeded(QStringLiteral("%1 vanished without leaving; the group notices after %2 s")
                      .arg(name)
                      .arg(config().sessionTimeoutMs / 1000.0)));
}

CommandResult Shop::pause()
{
    live().paused = true;
    return done(QStringLiteral("pause"), succeeded(QStringLiteral("the shop holds still")));
}

CommandResult Shop::resume()
{
    live().paused = false;
    return done(QStringLiteral("resume"), succeeded(QStringLiteral("the shop carries on")));
}

CommandResult Shop::setOrderRate(double perSecond)
{
    if (perSecond < 0) {
        return done(QStringLiteral("set-rate"),
            failed(QStringLiteral("the order rate cannot be negative")));
    }
    live().ordersPerSecond = perSecond;
    return done(QStringLiteral("set-rate"),
        succeeded(perSecond == 0 ? QStringLiteral("customers arrive as fast as the shop can serve")
                                 : QStringLiteral("%1 orders a second").arg(perSecond)));
}

CommandResult Shop::setCookTime(int ms)
{
    if (ms < 0) {
        return done(QStringLiteral("set-cook-time"),
            failed(QStringLiteral("the cook time cannot be negative")));
    }
    live().cookTimeMs = ms;
    return done(QStringLiteral("set-cook-time"),
        succeeded(QStringLiteral("plaice takes %1 s to cook").arg(ms / 1000.0)));
}

CommandResult Shop::setPlaiceShare(double share)
{
    if (share < 0 || share > 1) {
        return done(QStringLiteral("set-plaice-share"),
            failed(QStringLiteral("the plaice share is between 0 and 1")));
    }
    live().plaiceShare = share;
    return done(QStringLiteral("set-plaice-share"),
        succeeded(QStringLiteral("%1% of fish is plaice").arg(qRound(share * 100))));
}

CommandResult Shop::setModel(int model)
{
    if (model < 1 || model > ShopSettings::kLastModel) {
        return done(QStringLiteral("set-model"),
            failed(QStringLiteral("the models run from 1 to %1").arg(ShopSettings::kLastModel)));
    }
    live().model = model;
    if (m_running && model >= ShopConfig::kFirstModelWithCook && m_cooks.isEmpty()) {
        setCooks(std::max(1, config().cooks));
    }
    if (m_running && model >= ShopConfig::kFirstModelWithCabinet) {
        openCabinet();
    }
    updatePreparerTopics();
    return done(QStringLiteral("set-model"), succeeded(QStringLiteral("model %1").arg(model)));
}

CommandResult Shop::restartBroker()
{
    const QString command = QStringLiteral("restart-broker");
    if (!m_cluster) {
        return done(
            command, failed(QStringLiteral("only the embedded broker can be restarted from here")));
    }
    QString error;
    if (!m_cluster->restart(&error)) {
        return done(command, failed(error));
    }
    return done(command,
        succeeded(QStringLiteral("the broker restarted on its log at %1; every client reconnects")
                      .arg(m_cluster->dataDir())));
}

CommandResult Shop::placeBadOrder()
{
    if (m_tills.isEmpty()) {
        return done(QStringLiteral("bad-order"), failed(QStringLiteral("no till is open")));
    }
    QMetaObject::invokeMethod(m_tills.first().participant, "placeBadOrder", Qt::QueuedConnection);
    return done(QStringLiteral("bad-order"),
        succeeded(QStringLiteral("%1 sends an order nobody can read")
                      .arg(m_tills.first().participant->name())));
}

CommandResult Shop::done(const QString &command, CommandResult result)
{
    ShopEvent e;
    e.kind = ShopEvent::Kind::Command;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.participant = QStringLiteral("shop");
    e.value = result.ok ? 1 : 0;
    e.text = command + QStringLiteral(": ") + result.text;
    m_context->events.push(e);
    qCDebug(lcShop).noquote() << e.text;
    emit commandDone(command, result.ok, result.text);
    return result;
}

CommandResult Shop::resize(QList<Worker> &workers, int count, int *nextIndex,
    const std::function<Participant *(int)> &make, const QString &what)
{
    const QString command = QStringLiteral("set-") + what;
    if (count < 0 || count > kMaxParticipants) {
        return done(command,
            failed(QStringLiteral("%1 must be between 0 and %2").arg(what).arg(kMaxParticipants)));
    }
    if (!m_running) {
        return done(command, failed(QStringLiteral("the shop is not open")));
    }
    const int before = static_cast<int>(workers.size());
    while (workers.size() < count) {
        const int index = nextIndex ? (*nextIndex)++ : static_cast<int>(workers.size()) + 1;
        launch(workers, make(index));
    }
    while (workers.size() > count) {
        retire(workers.takeLast(), false);
    }
    return done(
        command, succeeded(QStringLiteral("%1 %2 (was %3)").arg(count).arg(what).arg(before)));
}

void Shop::launch(QList<Worker> &workers, Participant *participant)
{
    auto *thread = new QThread(this);
    thread->setObjectName(participant->name());
    participant->moveToThread(thread);
    connect(thread, &QThread::finished, participant, &QObject::deleteLater);
    runBelowTheWindow(thread);
    thread->start();
    QMetaObject::invokeMethod(participant, &Participant::start, Qt::QueuedConnection);
    workers.append({thread, participant});
}

void Shop::retire(Worker worker, bool abruptly)
{
    QMetaObject::invokeMethod(worker.participant,
        abruptly ? &Participant::vanish : &Participant::stop, Qt::BlockingQueuedConnection);
    worker.thread->quit();
    worker.thread->wait();
    delete worker.thread;
}

void Shop::retireAll(QList<Worker> &workers)
{
    while (!workers.isEmpty()) {
        retire(workers.takeLast(), false);
    }
}

bool Shop::ensureTopics(QString *error)
{
    const ShopConfig &c = config();
    const QList<kafka::NewTopic> wanted = {
        {c.topics.order(), c.orderPartitions, -1, {}},
        {c.topics.ready(), c.readyPartitions, -1, {}},
        {c.topics.cook(), c.cookPartitions, -1, {}},
        {c.topics.hotFood(), c.hotFoodPartitions, -1, {}},
        {c.topics.orderDlq(), 1, -1, {}},
    };
    if (!m_admin->createTopics(wanted, kAdminTimeoutMs, error)) {
        return false;
    }
    // The topic may be older than this shop and have more partitions than asked for. A topic
    // just created on a real cluster takes a moment to show in its metadata.
    const QDeadlineTimer visible(kTopicVisibleMs);
    m_orderPartitions = m_admin->partitionCount(c.topics.order(), kAdminTimeoutMs, error);
    while (m_orderPartitions == 0 && !visible.hasExpired()) {
        QThread::msleep(kTopicVisibleCheckMs);
        m_orderPartitions = m_admin->partitionCount(c.topics.order(), kAdminTimeoutMs, error);
    }
    if (m_orderPartitions > 0 && m_orderPartitions < c.orderPartitions) {
        if (!m_admin->createPartitions(
                c.topics.order(), c.orderPartitions, kAdminTimeoutMs, error)) {
            return false;
        }
        m_orderPartitions = c.orderPartitions;
    }
    if (m_orderPartitions <= 0) {
        if (error->isEmpty()) {
            *error = kafka::topicMissingInWords(c.topics.order());
        }
        return false;
    }
    return true;
}

bool Shop::waitUntilReady(int timeoutMs) const
{
    static constexpr int kCheckMs = 20;
    const QDeadlineTimer deadline(timeoutMs);
    const auto ready = [this] {
        for (const QList<Worker> *workers : {&m_preparers, &m_cooks, &m_counters}) {
            for (const Worker &w : *workers) {
                if (!w.participant->isReady()) {
                    return false;
                }
            }
        }
        return true;
    };
    while (!ready()) {
        if (deadline.hasExpired()) {
            return false;
        }
        QThread::msleep(kCheckMs);
    }
    return true;
}

void Shop::updatePreparerTopics()
{
    // Preparers keep reading HOT-FOOD while a cook may still send food back.
    const int model = m_cooks.isEmpty()
        ? live().model.load()
        : std::max<int>(live().model, ShopConfig::kFirstModelWithCook);
    const QStringList topics = FoodPreparer::topicsFor(config(), model);
    for (const Worker &w : std::as_const(m_preparers)) {
        QMetaObject::invokeMethod(
            w.participant, "setTopics", Qt::QueuedConnection, Q_ARG(QStringList, topics));
    }
}

} // namespace chippy::shop
