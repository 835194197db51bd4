#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace chippy::shop {

struct MenuItem
{
    QString name;
    QString description;
    int pricePence = 0;
    bool cookedToOrder = false; // must go to the cook (plaice) rather than the hot cabinet
    int cookTimeMs = 0;
    int batchSize = 1; // how many portions one cooking makes
};

// What the shop sells, read from resources/menu.json.
class Menu
{
public:
    static constexpr const char *kResourcePath = ":/chippy/menu.json";

    // The menu compiled into the application.
    static const Menu &standard();
    static std::optional<Menu> fromJson(const QByteArray &json, QString *error);
    static std::optional<Menu> fromFile(const QString &path, QString *error);

    const MenuItem *item(const QString &name) const;
    bool contains(const QString &name) const { return item(name) != nullptr; }
    QStringList names() const;
    const QList<MenuItem> &items() const { return m_items; }
    QString currency() const { return m_currency; }

private:
    QString m_currency;
    QList<MenuItem> m_items;
};

} // namespace chippy::shop
