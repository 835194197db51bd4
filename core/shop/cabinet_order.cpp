#include "shop/cabinet_order.h"

#include <QJsonObject>

namespace chippy::shop::cabinet_order {

namespace {

const QString kCook = QStringLiteral("cook");
const QString kToOrder = QStringLiteral("to_order");
const QString kTaken = QStringLiteral("taken");
const QString kFried = QStringLiteral("fried");

cabinet::Portions portionsWhere(const Order &order, const Menu &menu, bool cookedToOrder)
{
    cabinet::Portions portions;
    for (const QStringList &part : order.parts) {
        for (const QString &item : part) {
            const MenuItem *m = menu.item(item);
            if (m && m->cookedToOrder == cookedToOrder) {
                ++portions[item];
            }
        }
    }
    return portions;
}

QJsonObject toJson(const cabinet::Portions &portions)
{
    QJsonObject json;
    for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
        json.insert(it.key(), it.value());
    }
    return json;
}

cabinet::Portions fromJson(const QJsonValue &value)
{
    cabinet::Portions portions;
    const QJsonObject json = value.toObject();
    for (auto it = json.constBegin(); it != json.constEnd(); ++it) {
        const int count = it.value().toInt();
        if (count > 0) {
            portions.insert(it.key(), count);
        }
    }
    return portions;
}

} // namespace

cabinet::Portions fromCabinet(const Order &order, const Menu &menu)
{
    return portionsWhere(order, menu, false);
}

cabinet::Portions friedEachTime(const Order &order, const Menu &menu)
{
    return portionsWhere(order, menu, true);
}

cabinet::Portions batchSizes(const Menu &menu)
{
    cabinet::Portions sizes;
    for (const MenuItem &item : menu.items()) {
        if (!item.cookedToOrder) {
            sizes.insert(item.name, std::max(1, item.batchSize));
        }
    }
    return sizes;
}

cabinet::Portions cookNeeds(const Order &order)
{
    return fromJson(order.extra.value(kCook));
}

bool toOrder(const Order &order)
{
    return order.extra.value(kToOrder).toBool();
}

void askCook(Order &order, const cabinet::Portions &needs, bool toOrder)
{
    order.extra.insert(kCook, toJson(needs));
    if (toOrder) {
        order.extra.insert(kToOrder, true);
    } else {
        order.extra.remove(kToOrder);
    }
}

bool hasTaken(const Order &order)
{
    return order.extra.contains(kTaken);
}

void noteTaken(Order &order, const cabinet::Portions &taken)
{
    order.extra.insert(kTaken, toJson(taken));
}

bool hasFried(const Order &order)
{
    return order.extra.contains(kFried);
}

void noteFried(Order &order, const cabinet::Portions &fried)
{
    order.extra.insert(kFried, toJson(fried));
}

cabinet::Portions plus(cabinet::Portions a, const cabinet::Portions &b)
{
    for (auto it = b.cbegin(); it != b.cend(); ++it) {
        a[it.key()] += it.value();
    }
    return a;
}

} // namespace chippy::shop::cabinet_order
