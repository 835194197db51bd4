#include "cabinet_model.h"

#include <algorithm>

namespace chippy::gui {

namespace {

using K = shop::ShopEvent::Kind;

const QString kCloseCommand = QStringLiteral("close-for-the-day: ");
// How the shop ends its words for an outage of the cabinet, whichever cabinet it is.
const QString kOutageEnding = QStringLiteral("cooking everything to order");

} // namespace

CabinetModel::CabinetModel(const shop::Menu &menu, QObject *parent)
    : ListModel(parent)
{
    for (const shop::MenuItem &item : menu.items()) {
        if (!item.cookedToOrder) {
            m_trays.append({item.name, item.batchSize});
        }
    }
}

int CabinetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant CabinetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Tray &t = m_trays.at(index.row());
    switch (role) {
    case ItemRole:
        return t.item;
    case PortionsRole:
        return t.portions;
    case BatchRole:
        return t.batch;
    case TakenRole:
        return t.taken;
    case CookedRole:
        return t.cooked;
    case WastedRole:
        return t.wasted;
    case ChangeRole:
        return t.change;
    case ChangeSerialRole:
        return t.changeSerial;
    default:
        return {};
    }
}

QHash<int, QByteArray> CabinetModel::roleNames() const
{
    return {
        {ItemRole, "item"},
        {PortionsRole, "portions"},
        {BatchRole, "batch"},
        {TakenRole, "taken"},
        {CookedRole, "cooked"},
        {WastedRole, "wasted"},
        {ChangeRole, "change"},
        {ChangeSerialRole, "changeSerial"},
    };
}

int CabinetModel::rowOf(const QString &item) const
{
    for (int row = 0; row < count(); ++row) {
        if (m_trays.at(row).item == item) {
            return row;
        }
    }
    return -1;
}

int CabinetModel::portions(const QString &item) const
{
    const int row = rowOf(item);
    return row < 0 ? -1 : static_cast<int>(m_trays.at(row).portions);
}

void CabinetModel::setWhere(const QString &where)
{
    if (where != m_where) {
        m_where = where;
        emit whereChanged();
    }
}

qint64 CabinetModel::wasteTotal() const
{
    qint64 total = 0;
    for (const Tray &t : m_trays) {
        total += t.wasted;
    }
    return total;
}

QString CabinetModel::wasteText() const
{
    QStringList words;
    for (const Tray &t : m_trays) {
        if (t.wasted > 0) {
            words << QStringLiteral("%1 %2").arg(t.wasted).arg(t.item);
        }
    }
    return words.isEmpty() ? QStringLiteral("nothing") : words.join(QStringLiteral(", "));
}

void CabinetModel::applyEvents(const QVector<shop::ShopEvent> &events)
{
    QSet<int> changed;
    for (const shop::ShopEvent &e : events) {
        apply(e, &changed);
    }
    for (const int row : std::as_const(changed)) {
        emit dataChanged(index(row), index(row));
    }
}

void CabinetModel::apply(const shop::ShopEvent &e, QSet<int> *changed)
{
    switch (e.kind) {
    case K::PortionsCooked:
        if (Tray *t = move(e.text, e.value, changed)) {
            t->cooked += e.value;
        }
        break;
    case K::PortionsTaken:
        if (Tray *t = move(e.text, -e.value, changed)) {
            t->taken += e.value;
        }
        if (m_taking.size() < kMaxTakingOrders) {
            m_taking.insert(e.order);
        }
        break;
    case K::PortionsWasted:
        if (Tray *t = move(e.text, -e.value, changed)) {
            t->pendingWaste += e.value;
        }
        break;
    case K::SentToCook:
        sentToCook(e);
        break;
    case K::OrderReady:
        m_taking.remove(e.order);
        break;
    case K::Command:
        if (e.text.startsWith(kCloseCommand) && e.value == 1) {
            closedForTheDay();
        }
        break;
    case K::Error:
        if (isUnreachable(e)) {
            m_problem = e.text;
            m_recovered.clear();
            emit reachableChanged();
        }
        break;
    case K::CabinetAnswers:
        m_problem.clear();
        m_recovered = e.text;
        emit reachableChanged();
        break;
    default:
        break;
    }
}

CabinetModel::Tray *CabinetModel::move(const QString &item, qint64 by, QSet<int> *changed)
{
    const int row = rowOf(item);
    if (row < 0 || by == 0) {
        return nullptr;
    }
    Tray &t = m_trays[row];
    // A Redis cabinet may hold portions from a run that never closed: never show fewer than 0.
    t.portions = std::max<qint64>(0, t.portions + by);
    t.change = by;
    ++t.changeSerial;
    changed->insert(row);
    return &t;
}

void CabinetModel::sentToCook(const shop::ShopEvent &e)
{
    // An order that took its portions goes to the cook only for its plaice.
    if (m_taking.remove(e.order)) {
        return;
    }
    ++m_shortOrders;
    m_lastShortOrder = e.order;
    m_lastShortQueue = e.queue;
    emit shortChanged();
}

void CabinetModel::closedForTheDay()
{
    for (int row = 0; row < count(); ++row) {
        Tray &t = m_trays[row];
        t.wasted = t.pendingWaste;
        t.pendingWaste = 0;
    }
    m_closed = true;
    if (count() > 0) {
        emit dataChanged(index(0), index(count() - 1));
    }
    emit closedChanged();
}

bool CabinetModel::isUnreachable(const shop::ShopEvent &e)
{
    return e.text.endsWith(kOutageEnding);
}

void CabinetModel::clear()
{
    for (Tray &t : m_trays) {
        t = Tray {t.item, t.batch};
    }
    if (count() > 0) {
        emit dataChanged(index(0), index(count() - 1));
    }
    m_taking.clear();
    m_problem.clear();
    m_recovered.clear();
    m_shortOrders = 0;
    m_lastShortOrder = -1;
    m_lastShortQueue = -1;
    m_closed = false;
    emit reachableChanged();
    emit shortChanged();
    emit closedChanged();
}

} // namespace chippy::gui
