#pragma once

#include "cabinet/cabinet.h"
#include "shop/events/event_queue.h"
#include "shop/events/shop_stats.h"

#include <QElapsedTimer>
#include <QMutex>

#include <memory>
#include <optional>

namespace chippy::shop {

// The shop's way to the hot cabinet, shared by every preparer and cook. The cabinet may be
// unreachable (Redis down, or never up): then each call returns nothing and the kitchen cooks
// everything to order. The first failure of an outage posts one Error in words; for a while
// after it calls fail at once instead of each waiting for Redis; the first call that gets an
// answer again says so. A cabinet that could not be opened is opened again on a later call.
class HotCabinet
{
public:
    // How long after a failure calls fail without asking the cabinet.
    static constexpr qint64 kQuietAfterFailureMs = 1000;

    HotCabinet(cabinet::CabinetSettings settings, ShopEventQueue &events, ShopStats &stats);

    // "in-process" or "Redis at host:port": no password.
    QString describe() const;
    // Opens the cabinet if it is not open yet; false when it cannot be reached (said once).
    bool open();
    bool isOpen() const;

    std::optional<cabinet::TakeResult> take(const cabinet::Portions &wanted, const QString &who);
    std::optional<cabinet::Portions> topUp(
        const cabinet::Portions &atLeast, const cabinet::Portions &batchSize, const QString &who);
    std::optional<cabinet::Portions> empty(const QString &who);

private:
    // The open cabinet, opening it when it is time to try; null while it cannot be reached.
    std::shared_ptr<cabinet::Cabinet> reachable(const QString &who);
    void failed(const QString &who, const QString &why);
    QString unreachableInWords(const QString &why) const;
    void answered(const QString &who);
    void post(ShopEvent::Kind kind, const QString &who, const QString &text);

    const cabinet::CabinetSettings m_settings;
    const QString m_where;
    ShopEventQueue &m_events;
    ShopStats &m_stats;

    mutable QMutex m_mutex;
    std::shared_ptr<cabinet::Cabinet> m_cabinet;
    bool m_down = false;
    QElapsedTimer m_sinceFailure;
};

// Where the settings put the cabinet, in words without the password.
QString describeCabinet(const cabinet::CabinetSettings &settings);

} // namespace chippy::shop
