#include "shop/hot_cabinet.h"

#include "cabinet/redis_address.h"
#include "shop/shop_log.h"

#include <QDateTime>

namespace chippy::shop {

namespace {

// "host:port" of the Redis, without user or password.
QString redisWhere(const cabinet::CabinetSettings &settings)
{
    QString ignored;
    const auto address = cabinet::RedisAddress::fromSettings(settings, &ignored);
    return address ? address->where() : QStringLiteral("an address that cannot be read");
}

} // namespace

QString describeCabinet(const cabinet::CabinetSettings &settings)
{
    return settings.usesRedis() ? QStringLiteral("Redis at %1").arg(redisWhere(settings))
                                : QStringLiteral("in-process");
}

HotCabinet::HotCabinet(cabinet::CabinetSettings settings, ShopEventQueue &events, ShopStats &stats)
    : m_settings(std::move(settings))
    , m_where(describeCabinet(m_settings))
    , m_events(events)
    , m_stats(stats)
{ }

QString HotCabinet::describe() const
{
    return m_where;
}

bool HotCabinet::open()
{
    return reachable(QStringLiteral("shop")) != nullptr;
}

bool HotCabinet::isOpen() const
{
    QMutexLocker lock(&m_mutex);
    return m_cabinet != nullptr;
}

std::optional<cabinet::TakeResult> HotCabinet::take(
    const cabinet::Portions &wanted, const QString &who)
{
    const auto cabinet = reachable(who);
    if (!cabinet) {
        return std::nullopt;
    }
    QString error;
    auto result = cabinet->take(wanted, &error);
    if (!result) {
        failed(who, error);
        return std::nullopt;
    }
    answered(who);
    return result;
}

std::optional<cabinet::Portions> HotCabinet::topUp(
    const cabinet::Portions &atLeast, const cabinet::Portions &batchSize, const QString &who)
{
    const auto cabinet = reachable(who);
    if (!cabinet) {
        return std::nullopt;
    }
    QString error;
    auto added = cabinet->topUp(atLeast, batchSize, &error);
    if (!added) {
        failed(who, error);
        return std::nullopt;
    }
    answered(who);
    return added;
}

std::optional<cabinet::Portions> HotCabinet::empty(const QString &who)
{
    const auto cabinet = reachable(who);
    if (!cabinet) {
        return std::nullopt;
    }
    QString error;
    auto waste = cabinet->empty(&error);
    if (!waste) {
        failed(who, error);
        return std::nullopt;
    }
    answered(who);
    return waste;
}

std::shared_ptr<cabinet::Cabinet> HotCabinet::reachable(const QString &who)
{
    QMutexLocker lock(&m_mutex);
    if (m_down && m_sinceFailure.elapsed() < kQuietAfterFailureMs) {
        return nullptr;
    }
    if (m_cabinet) {
        return m_cabinet;
    }
    QString error;
    std::unique_ptr<cabinet::Cabinet> opened = cabinet::openCabinet(m_settings, &error);
    if (!opened) {
        lock.unlock();
        failed(who, error);
        return nullptr;
    }
    m_cabinet = std::move(opened);
    return m_cabinet;
}

void HotCabinet::failed(const QString &who, const QString &why)
{
    QMutexLocker lock(&m_mutex);
    const bool first = !m_down;
    m_down = true;
    m_sinceFailure.start();
    lock.unlock();
    if (first) {
        m_stats.error();
        post(ShopEvent::Kind::Error, who, unreachableInWords(why));
    }
}

QString HotCabinet::unreachableInWords(const QString &why) const
{
    if (!m_settings.usesRedis()) {
        return QStringLiteral("the in-process cabinet failed (%1); cooking everything to order")
            .arg(why);
    }
    const QString where = redisWhere(m_settings);
    // The Redis cabinet's own words often begin the same way.
    const QString same = QStringLiteral("Redis unreachable at %1: ").arg(where);
    const QString reason = why.startsWith(same) ? why.mid(same.size()) : why;
    return QStringLiteral("Redis unreachable at %1 (%2); cooking everything to order")
        .arg(where, reason);
}

void HotCabinet::answered(const QString &who)
{
    QMutexLocker lock(&m_mutex);
    if (!m_down) {
        return;
    }
    m_down = false;
    lock.unlock();
    post(ShopEvent::Kind::CabinetAnswers, who,
        QStringLiteral("%1 answers again; the cabinet is used again").arg(m_where));
}

void HotCabinet::post(ShopEvent::Kind kind, const QString &who, const QString &text)
{
    ShopEvent e;
    e.kind = kind;
    e.timeMs = QDateTime::currentMSecsSinceEpoch();
    e.participant = who;
    e.text = text;
    qCInfo(lcShop).noquote() << who << text;
    m_events.push(e);
}

} // namespace chippy::shop
