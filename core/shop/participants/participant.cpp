#include "shop/participants/participant.h"

#include "kafka/client.h"
#include "shop/shop_log.h"

#include <QDateTime>

#include <cerrno>
#include <sys/resource.h>
#include <unistd.h>

namespace chippy::shop {

Participant::Participant(
    const QString &name, const QString &group, std::shared_ptr<ShopContext> context)
    : m_name(name)
    , m_group(group)
    , m_context(std::move(context))
{
    m_clock.start();
}

Participant::~Participant() = default;

void Participant::lowerPriority() const
{
    if (config().workerNiceness <= 0) {
        return;
    }
    // Linux keeps niceness per thread, and threads inherit it: the client's threads, started
    // after this, run at the same niceness.
    errno = 0;
    const int now = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    if (errno == 0) {
        ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), now + config().workerNiceness);
    }
}

void Participant::start()
{
    if (m_running) {
        return;
    }
    lowerPriority();
    QString error;
    if (!open(&error)) {
        postError(QStringLiteral("%1 cannot start: %2").arg(m_name, error));
        // Nobody should wait for a participant that is not coming.
        setReady();
        return;
    }
    m_running = true;
    m_loop = new QTimer(this);
    m_loop->setInterval(loopIntervalMs());
    connect(m_loop, &QTimer::timeout, this, [this] {
        if (m_running) {
            turn();
        }
    });
    m_loop->start();
    post(event(ShopEvent::Kind::ParticipantStarted));
    qCDebug(lcShop) << m_name << "started";
}

void Participant::stop()
{
    if (!m_running) {
        return;
    }
    m_running = false;
    m_loop->stop();
    close();
    ShopEvent e = event(ShopEvent::Kind::ParticipantStopped);
    e.text = QStringLiteral("left");
    post(e);
    qCDebug(lcShop) << m_name << "stopped";
}

void Participant::vanish()
{
    if (!m_running) {
        return;
    }
    m_running = false;
    m_loop->stop();
    abandon();
    ShopEvent e = event(ShopEvent::Kind::ParticipantStopped);
    e.text = QStringLiteral("vanished");
    post(e);
    qCDebug(lcShop) << m_name << "vanished";
}

ShopEvent Participant::event(ShopEvent::Kind kind) const
{
    ShopEvent e;
    e.kind = kind;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.participant = m_name;
    e.group = m_group;
    return e;
}

ShopEvent Participant::wrote(ShopEvent::Kind kind, const kafka::Delivery &delivery) const
{
    ShopEvent e = event(kind);
    e.topic = delivery.topic;
    e.partition = delivery.partition;
    e.offset = delivery.offset;
    if (delivery.timestampMs > 0) {
        e.timeMs = delivery.timestampMs;
    }
    return e;
}

void Participant::post(ShopEvent e)
{
    m_context->events.push(std::move(e));
}

void Participant::postError(const QString &words)
{
    const qint64 now = m_clock.elapsed();
    const auto it = m_lastErrorAt.constFind(words);
    if (it != m_lastErrorAt.cend() && now - *it < kRepeatedErrorQuietMs) {
        return;
    }
    m_lastErrorAt.insert(words, now);
    m_context->stats.error();
    ShopEvent e = event(ShopEvent::Kind::Error);
    e.text = words;
    post(e);
    qCInfo(lcShop).noquote() << m_name << words;
}

bool Participant::reportErrors(kafka::Client &client)
{
    bool fatal = false;
    for (const kafka::ClientError &error : client.takeErrors()) {
        postError(error.words);
        fatal = fatal || error.fatal;
    }
    return fatal;
}

void Participant::reopen(const QString &why)
{
    postError(QStringLiteral("%1 starts its client again: %2").arg(m_name, why));
    abandon();
    QString error;
    if (!open(&error)) {
        m_running = false;
        m_loop->stop();
        postError(QStringLiteral("%1 cannot start again: %2").arg(m_name, error));
    }
}

} // namespace chippy::shop
