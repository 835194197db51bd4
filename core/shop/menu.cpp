#include "shop/menu.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace chippy::shop {

namespace {

bool readInt(const QJsonObject &o, const char *key, int min, int *out, QString *error)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble() || v.toDouble() != static_cast<double>(v.toInt()) || v.toInt() < min) {
        *error = QStringLiteral("\"%1\" must be a whole number of at least %2").arg(key).arg(min);
        return false;
    }
    *out = v.toInt();
    return true;
}

} // namespace

const Menu &Menu::standard()
{
    static const Menu menu = [] {
        QString error;
        std::optional<Menu> m = fromFile(QString::fromLatin1(kResourcePath), &error);
        // The menu is compiled in; failing to read it is a build defect, not a user error.
        Q_ASSERT_X(m, "Menu::standard", qPrintable(error));
        return m ? *m : Menu();
    }();
    return menu;
}

std::optional<Menu> Menu::fromJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = QStringLiteral("the menu is not a JSON object: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    Menu menu;
    menu.m_currency = doc.object().value(QLatin1String("currency")).toString();
    const QJsonValue items = doc.object().value(QLatin1String("items"));
    if (!items.isArray() || items.toArray().isEmpty()) {
        *error = QStringLiteral("the menu needs a non-empty \"items\" array");
        return std::nullopt;
    }
    for (const QJsonValue &v : items.toArray()) {
        const QJsonObject o = v.toObject();
        MenuItem item;
        item.name = o.value(QLatin1String("name")).toString();
        item.description = o.value(QLatin1String("description")).toString();
        item.cookedToOrder = o.value(QLatin1String("cooked_to_order")).toBool();
        if (item.name.isEmpty()) {
            *error = QStringLiteral("a menu item has no name");
            return std::nullopt;
        }
        QString why;
        if (!readInt(o, "price_pence", 0, &item.pricePence, &why)
            || !readInt(o, "cook_time_ms", 0, &item.cookTimeMs, &why)
            || !readInt(o, "batch_size", 1, &item.batchSize, &why)) {
            *error = QStringLiteral("menu item %1: %2").arg(item.name, why);
            return std::nullopt;
        }
        if (menu.contains(item.name)) {
            *error = QStringLiteral("menu item %1 appears twice").arg(item.name);
            return std::nullopt;
        }
        menu.m_items.append(item);
    }
    return menu;
}

std::optional<Menu> Menu::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return fromJson(file.readAll(), error);
}

const MenuItem *Menu::item(const QString &name) const
{
    for (const MenuItem &i : m_items) {
        if (i.name == name) {
            return &i;
        }
    }
    return nullptr;
}

QStringList Menu::names() const
{
    QStringList list;
    for (const MenuItem &i : m_items) {
        list << i.name;
    }
    return list;
}

} // namespace chippy::shop
