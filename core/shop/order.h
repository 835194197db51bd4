#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chippy::shop {

class Menu;

// One customer's order, as it travels on every topic:
// {"order": 271, "customer": "Tibs", "queue": 3, "parts": [["cod", "chips"], ["chips"]]}
// Fields this code does not know are kept and written back unchanged.
struct Order
{
    static constexpr qsizetype kMaxBytes = 64 * 1024;
    static constexpr qsizetype kMaxParts = 100;
    static constexpr qsizetype kMaxItemsPerPart = 20;
    static constexpr qsizetype kMaxCustomerLength = 200;

    qint64 number = -1;
    QString customer;
    int queue = -1;
    QList<QStringList> parts;
    qint64 placedMs = -1; // optional "placed_ms": when the till took it, for latency
    QJsonObject extra;

    // Strict: every required field present with the right type, sizes bounded. On failure
    // returns nothing and says why in reason.
    static std::optional<Order> fromJson(const QByteArray &json, QString *reason);
    QByteArray toJson() const;

    // Empty when every item is on the menu, otherwise the reason.
    QString checkItems(const Menu &menu) const;
    // True when some item must be cooked to order (plaice).
    bool needsCooking(const Menu &menu) const;
    int pricePence(const Menu &menu) const;
    int portions(const QString &item) const;

    friend bool operator==(const Order &, const Order &) = default;
};

} // namespace chippy::shop
