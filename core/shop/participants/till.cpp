#include "shop/participants/till.h"

#include "kafka/producer.h"
#include "shop/participants/client_settings.h"
#include "shop/queue_mapping.h"

#include <QDateTime>

#include <cmath>

namespace chippy::shop {

namespace {

const QStringList kCustomers = {QStringLiteral("Tibs"), QStringLiteral("Ada"),
    QStringLiteral("Grace"), QStringLiteral("Alan"), QStringLiteral("Barbara"),
    QStringLiteral("Dennis"), QStringLiteral("Edsger"), QStringLiteral("Frances"),
    QStringLiteral("Ken"), QStringLiteral("Margaret"), QStringLiteral("Radia"),
    QStringLiteral("Tony"), QStringLiteral("Sophie"), QStringLiteral("Linus")};

constexpr int kMaxPartsPerOrder = 3;
constexpr double kFishShare = 0.8; // of parts; the rest are chips on their own
// Seeds of different tills must differ so that queues do not move in lockstep.
constexpr quint32 kSeedStride = 7919;

} // namespace

Till::Till(int queue, std::shared_ptr<ShopContext> context)
    : Participant(QStringLiteral("till-%1").arg(queue), QString(), std::move(context))
    , m_queue(queue)
    , m_rng(config().seed * kSeedStride + static_cast<quint32>(queue))
{ }

Till::~Till() = default;

bool Till::open(QString *error)
{
    m_producer = kafka::Producer::create(producerSettings(config(), name()), error);
    if (!m_producer) {
        return false;
    }
    m_clock.start();
    m_nextArrivalMs
        = nextGapMs(context().live.ordersPerSecond / std::max(1, context().live.tills.load()));
    // Orders that were waiting when the client was replaced are offered again.
    for (const Pending &p : std::as_const(m_inFlight)) {
        m_retry.append(p);
    }
    m_inFlight.clear();
    setReady();
    return true;
}

void Till::turn()
{
    m_producer->poll(0);
    handleDeliveries();
    if (reportErrors(*m_producer)) {
        reopen(QStringLiteral("the producer hit a fatal error"));
        return;
    }
    retryFailed();
    arrivals();
    postFailures();
}

void Till::close()
{
    m_producer->flush(kFlushOnCloseMs);
    handleDeliveries();
    postFailures();
    reportErrors(*m_producer);
    m_producer.reset();
}

void Till::abandon()
{
    if (m_producer) {
        m_producer->vanish();
        m_producer.reset();
    }
}

void Till::placeBadOrder()
{
    if (!running()) {
        return;
    }
    Pending p;
    p.value = QByteArrayLiteral("{\"order\": \"soon\", \"customer\": 42, \"parts\": \"cod\"");
    place(p);
}

void Till::arrivals()
{
    LiveSettings &live = context().live;
    const double now = static_cast<double>(m_clock.elapsed());
    if (live.paused) {
        m_nextArrivalMs = now;
        return;
    }
    const double perSecond = live.ordersPerSecond / std::max(1, live.tills.load());
    if (perSecond <= 0) {
        // As fast as the shop can: keep the shop busy, with a bounded queue of orders.
        const int tills = std::max(1, live.tills.load());
        const qint64 waiting = context().stats.counts().outstanding() / tills + waitingHere();
        const int room = static_cast<int>(std::min<qint64>(
            {kMaxBurst, kMaxInFlight - waitingHere(), kMaxWaitingAtFullSpeed / tills - waiting}));
        for (int i = 0; i < room; ++i) {
            place({-1, {}});
        }
        m_nextArrivalMs = now;
        return;
    }
    m_nextArrivalMs = std::max(m_nextArrivalMs, now - kMaxCatchUpMs);
    int burst = 0;
    while (m_nextArrivalMs <= now && burst < kMaxBurst && waitingHere() < kMaxInFlight) {
        place({-1, {}});
        m_nextArrivalMs += nextGapMs(perSecond);
        ++burst;
    }
}

void Till::place(const Pending &given)
{
    Pending p = given;
    if (p.value.isEmpty()) {
        Order order = makeOrder();
        p.order = order.number;
        p.value = order.toJson();
    }
    const quint64 token = m_nextToken++;
    QString error;
    if (!m_producer->produce(
            config().topics.order(), keyForQueue(m_queue), p.value, {}, token, &error)) {
        failed(p, error);
        return;
    }
    m_inFlight.insert(token, p);
}

void Till::handleDeliveries()
{
    for (const kafka::Delivery &d : m_producer->takeDeliveries()) {
        const auto it = m_inFlight.find(d.token);
        if (it == m_inFlight.end()) {
            continue;
        }
        const Pending p = *it;
        m_inFlight.erase(it);
        if (d.error) {
            failed(p, d.errorWords);
            continue;
        }
        context().stats.orderPlaced(p.order);
        ShopEvent e = wrote(ShopEvent::Kind::OrderPlaced, d);
        e.order = p.order;
        e.queue = m_queue;
        post(e);
    }
}

void Till::failed(const Pending &pending, const QString &why)
{
    context().stats.placeFailed();
    m_retry.append(pending);
    m_retryAtMs = m_clock.elapsed() + kRetryDelayMs;
    ++m_failures;
    m_lastFailure = why;
    m_lastFailedOrder = pending.order;
}

void Till::postFailures()
{
    if (m_failures == 0) {
        return;
    }
    ShopEvent e = event(ShopEvent::Kind::PlaceFailed);
    e.order = m_lastFailedOrder;
    e.queue = m_queue;
    e.value = std::exchange(m_failures, 0);
    e.text = m_lastFailure;
    post(e);
}

void Till::retryFailed()
{
    if (m_retry.isEmpty() || m_clock.elapsed() < m_retryAtMs) {
        return;
    }
    const QList<Pending> again = std::exchange(m_retry, {});
    for (const Pending &p : again) {
        place(p);
    }
}

Order Till::makeOrder()
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<int> partCount(1, kMaxPartsPerOrder);
    std::uniform_int_distribution<qsizetype> customer(0, kCustomers.size() - 1);

    Order order;
    order.number = context().nextOrderNumber.fetch_add(1);
    order.customer = kCustomers.at(customer(m_rng));
    order.queue = m_queue;
    order.placedMs = QDateTime::currentMSecsSinceEpoch();
    const bool plaiceOnMenu = context().live.model >= ShopConfig::kFirstModelWithCook;
    const int parts = partCount(m_rng);
    for (int i = 0; i < parts; ++i) {
        if (unit(m_rng) < kFishShare) {
            const bool plaice = plaiceOnMenu && unit(m_rng) < context().live.plaiceShare;
            order.parts.append({plaice ? QStringLiteral("plaice") : QStringLiteral("cod"),
                QStringLiteral("chips")});
        } else {
            order.parts.append({QStringLiteral("chips")});
        }
    }
    return order;
}

double Till::nextGapMs(double perSecond)
{
    if (perSecond <= 0) {
        return 0;
    }
    std::exponential_distribution<double> gap(perSecond / 1000.0);
    return gap(m_rng);
}

} // namespace chippy::shop
