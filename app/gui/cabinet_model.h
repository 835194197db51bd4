#pragma once

#include "list_model.h"
#include "shop/events/shop_event.h"
#include "shop/menu.h"

#include <QList>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// Model 6's hot cabinet as the window draws it: a tray per item kept in it (cod, chips) with
// the portions it holds, counted from the shop's events (cooked in, taken out, thrown away at
// closing time); the orders that found a tray short and went to the cook; whether the cabinet
// can be reached; and the waste of the last closing. It never asks the cabinet itself.
class CabinetModel : public ListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The cabinet model belongs to the shop controller")

    Q_PROPERTY(int count READ count CONSTANT)
    Q_PROPERTY(QString where READ where NOTIFY whereChanged)
    Q_PROPERTY(bool reachable READ reachable NOTIFY reachableChanged)
    Q_PROPERTY(QString problem READ problem NOTIFY reachableChanged)
    Q_PROPERTY(QString recovered READ recovered NOTIFY reachableChanged)
    Q_PROPERTY(qint64 shortOrders READ shortOrders NOTIFY shortChanged)
    Q_PROPERTY(qint64 lastShortOrder READ lastShortOrder NOTIFY shortChanged)
    Q_PROPERTY(int lastShortQueue READ lastShortQueue NOTIFY shortChanged)
    Q_PROPERTY(bool closed READ closed NOTIFY closedChanged)
    Q_PROPERTY(qint64 wasteTotal READ wasteTotal NOTIFY closedChanged)
    Q_PROPERTY(QString wasteText READ wasteText NOTIFY closedChanged)

public:
    // Orders that took their portions and have not yet gone on: bounded, so that a take whose
    // order never shows again cannot grow it.
    static constexpr int kMaxTakingOrders = 512;

    enum Role {
        ItemRole = Qt::UserRole + 1, // "cod"
        PortionsRole, // in the tray now
        BatchRole, // the cook's batch size
        TakenRole, // taken since the shop opened
        CookedRole, // cooked into it since the shop opened
        WastedRole, // thrown away at the last closing
        ChangeRole, // the last change of portions, + cooked or - taken
        ChangeSerialRole, // goes up with every change, for the view to flash on
    };
    Q_ENUM(Role)

    explicit CabinetModel(const shop::Menu &menu, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return static_cast<int>(m_trays.size()); }
    Q_INVOKABLE int rowOf(const QString &item) const;
    Q_INVOKABLE int portions(const QString &item) const;

    // "in-process" or "Redis at host:port".
    QString where() const { return m_where; }
    void setWhere(const QString &where);
    bool reachable() const { return m_problem.isEmpty(); }
    // "Redis unreachable at …" while it cannot be reached.
    QString problem() const { return m_problem; }
    // Its return, in words, until the next outage.
    QString recovered() const { return m_recovered; }
    qint64 shortOrders() const { return m_shortOrders; }
    qint64 lastShortOrder() const { return m_lastShortOrder; }
    int lastShortQueue() const { return m_lastShortQueue; }
    bool closed() const { return m_closed; }
    qint64 wasteTotal() const;
    // "4 cod, 7 chips" or "nothing", from the last closing.
    QString wasteText() const;

    void applyEvents(const QVector<shop::ShopEvent> &events);
    void clear();

signals:
    void whereChanged();
    void reachableChanged();
    void shortChanged();
    void closedChanged();

private:
    struct Tray
    {
        QString item;
        int batch = 1;
        qint64 portions = 0;
        qint64 taken = 0;
        qint64 cooked = 0;
        qint64 wasted = 0;
        qint64 pendingWaste = 0;
        qint64 change = 0;
        int changeSerial = 0;
    };

    void apply(const shop::ShopEvent &e, QSet<int> *changed);
    // Adds by to the item's tray; the tray, or null for an item the cabinet does not keep.
    Tray *move(const QString &item, qint64 by, QSet<int> *changed);
    void sentToCook(const shop::ShopEvent &e);
    void closedForTheDay();
    static bool isUnreachable(const shop::ShopEvent &e);

    QList<Tray> m_trays;
    QString m_where;
    QString m_problem;
    QString m_recovered;
    QSet<qint64> m_taking;
    qint64 m_shortOrders = 0;
    qint64 m_lastShortOrder = -1;
    int m_lastShortQueue = -1;
    bool m_closed = false;
};

} // namespace chippy::gui
