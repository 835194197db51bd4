#include "shop/order.h"

#include "shop/menu.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <limits>

namespace chippy::shop {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53: JSON numbers are doubles

const QLatin1String kOrder("order");
const QLatin1String kCustomer("customer");
const QLatin1String kQueue("queue");
const QLatin1String kParts("parts");
const QLatin1String kPlacedMs("placed_ms");

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("missing");
}

bool wholeNumber(const QJsonObject &o, QLatin1String key, qint64 min, qint64 *out, QString *reason)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined()) {
        *reason = QStringLiteral("missing field \"%1\"").arg(key);
        return false;
    }
    const double d = v.toDouble();
    if (!v.isDouble() || std::floor(d) != d || std::fabs(d) > kMaxExactInteger) {
        *reason = QStringLiteral("\"%1\" must be a whole number, not %2").arg(key, typeName(v));
        return false;
    }
    if (d < static_cast<double>(min)) {
        *reason = QStringLiteral("\"%1\" must be at least %2").arg(key).arg(min);
        return false;
    }
    *out = static_cast<qint64>(d);
    return true;
}

} // namespace

std::optional<Order> Order::fromJson(const QByteArray &json, QString *reason)
{
    if (json.isEmpty()) {
        *reason = QStringLiteral("the record is empty");
        return std::nullopt;
    }
    if (json.size() > kMaxBytes) {
        *reason = QStringLiteral("the record is %1 bytes; an order is at most %2")
                      .arg(json.size())
                      .arg(kMaxBytes);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *reason = QStringLiteral("not JSON: %1 at byte %2")
                      .arg(parseError.errorString())
                      .arg(parseError.offset);
        return std::nullopt;
    }
    if (!doc.isObject()) {
        *reason = QStringLiteral("an order must be a JSON object");
        return std::nullopt;
    }
    QJsonObject o = doc.object();
    Order order;

    if (!wholeNumber(o, kOrder, 0, &order.number, reason)) {
        return std::nullopt;
    }
    const QJsonValue customer = o.value(kCustomer);
    if (!customer.isString()) {
        *reason = customer.isUndefined()
            ? QStringLiteral("missing field \"customer\"")
            : QStringLiteral("\"customer\" must be a string, not %1").arg(typeName(customer));
        return std::nullopt;
    }
    order.customer = customer.toString();
    if (order.customer.trimmed().isEmpty() || order.customer.size() > kMaxCustomerLength) {
        *reason = QStringLiteral("\"customer\" must be a name of 1 to %1 characters")
                      .arg(kMaxCustomerLength);
        return std::nullopt;
    }
    qint64 queue = 0;
    if (!wholeNumber(o, kQueue, 1, &queue, reason)) {
        return std::nullopt;
    }
    if (queue > std::numeric_limits<int>::max()) {
        *reason = QStringLiteral("\"queue\" is too large");
        return std::nullopt;
    }
    order.queue = static_cast<int>(queue);

    const QJsonValue parts = o.value(kParts);
    if (!parts.isArray()) {
        *reason = parts.isUndefined()
            ? QStringLiteral("missing field \"parts\"")
            : QStringLiteral("\"parts\" must be an array, not %1").arg(typeName(parts));
        return std::nullopt;
    }
    const QJsonArray partArray = parts.toArray();
    if (partArray.isEmpty() || partArray.size() > kMaxParts) {
        *reason = QStringLiteral("an order has 1 to %1 parts, this one has %2")
                      .arg(kMaxParts)
                      .arg(partArray.size());
        return std::nullopt;
    }
    for (qsizetype i = 0; i < partArray.size(); ++i) {
        const QJsonValue part = partArray.at(i);
        if (!part.isArray() || part.toArray().isEmpty()
            || part.toArray().size() > kMaxItemsPerPart) {
            *reason = QStringLiteral("part %1 must be an array of 1 to %2 item names")
                          .arg(i + 1)
                          .arg(kMaxItemsPerPart);
            return std::nullopt;
        }
        QStringList items;
        for (const QJsonValue &item : part.toArray()) {
            if (!item.isString() || item.toString().isEmpty()) {
                *reason = QStringLiteral("part %1 holds %2 where an item name belongs")
                              .arg(i + 1)
                              .arg(typeName(item));
                return std::nullopt;
            }
            items << item.toString();
        }
        order.parts.append(items);
    }
    if (o.contains(kPlacedMs) && !wholeNumber(o, kPlacedMs, 0, &order.placedMs, reason)) {
        return std::nullopt;
    }

    for (const QLatin1String &known : {kOrder, kCustomer, kQueue, kParts, kPlacedMs}) {
        o.remove(known);
    }
    order.extra = o;
    return order;
}

QByteArray Order::toJson() const
{
    QJsonObject o = extra;
    o.insert(kOrder, number);
    o.insert(kCustomer, customer);
    o.insert(kQueue, queue);
    QJsonArray partArray;
    for (const QStringList &part : parts) {
        partArray.append(QJsonArray::fromStringList(part));
    }
    o.insert(kParts, partArray);
    if (placedMs >= 0) {
        o.insert(kPlacedMs, placedMs);
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QString Order::checkItems(const Menu &menu) const
{
    for (const QStringList &part : parts) {
        for (const QString &item : part) {
            if (!menu.contains(item)) {
                return QStringLiteral("%1 is not on the menu").arg(item);
            }
        }
    }
    return {};
}

bool Order::needsCooking(const Menu &menu) const
{
    for (const QStringList &part : parts) {
        for (const QString &item : part) {
            const MenuItem *m = menu.item(item);
            if (m && m->cookedToOrder) {
                return true;
            }
        }
    }
    return false;
}

int Order::pricePence(const Menu &menu) const
{
    int total = 0;
    for (const QStringList &part : parts) {
        for (const QString &item : part) {
            if (const MenuItem *m = menu.item(item)) {
                total += m->pricePence;
            }
        }
    }
    return total;
}

int Order::portions(const QString &item) const
{
    int count = 0;
    for (const QStringList &part : parts) {
        count += static_cast<int>(part.count(item));
    }
    return count;
}

} // namespace chippy::shop
