#pragma once

#include <QMap>
#include <QMutex>
#include <QString>

namespace chippy::shop {

// Portions by item, summed over a run.
using PortionTotals = QMap<QString, qint64>;

// What went through the hot cabinet, per item: cooked into it, taken out of it, thrown away at
// closing time; and what the cook fried to order instead (plaice, and everything while the
// cabinet could not be reached). Counted where the cabinet said yes, so that cooked = taken +
// wasted once the cabinet has been emptied.
struct CabinetTotals
{
    PortionTotals cooked;
    PortionTotals taken;
    PortionTotals wasted;
    PortionTotals friedToOrder;

    static qint64 sum(const PortionTotals &portions);
};

// Safe to add to from any thread.
class CabinetTally
{
public:
    void cooked(const QMap<QString, int> &portions) { add(m_totals.cooked, portions); }
    void taken(const QMap<QString, int> &portions) { add(m_totals.taken, portions); }
    void wasted(const QMap<QString, int> &portions) { add(m_totals.wasted, portions); }
    void friedToOrder(const QMap<QString, int> &portions) { add(m_totals.friedToOrder, portions); }

    CabinetTotals totals() const;

private:
    void add(PortionTotals &into, const QMap<QString, int> &portions);

    mutable QMutex m_mutex;
    CabinetTotals m_totals;
};

} // namespace chippy::shop
