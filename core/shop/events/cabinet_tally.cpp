#include "shop/events/cabinet_tally.h"

namespace chippy::shop {

qint64 CabinetTotals::sum(const PortionTotals &portions)
{
    qint64 total = 0;
    for (const qint64 count : portions) {
        total += count;
    }
    return total;
}

CabinetTotals CabinetTally::totals() const
{
    QMutexLocker lock(&m_mutex);
    return m_totals;
}

void CabinetTally::add(PortionTotals &into, const QMap<QString, int> &portions)
{
    QMutexLocker lock(&m_mutex);
    for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
        if (it.value() > 0) {
            into[it.key()] += it.value();
        }
    }
}

} // namespace chippy::shop
