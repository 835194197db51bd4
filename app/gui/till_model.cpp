#include "till_model.h"

#include "shop/queue_mapping.h"

namespace chippy::gui {

TillModel::TillModel(QObject *parent)
    : ListModel(parent)
{ }

int TillModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant TillModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    const int queue = index.row() + 1;
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("TILL %1").arg(queue);
    case QueueRole:
        return queue;
    case KeyRole:
        return QString::fromLatin1(shop::keyForQueue(queue));
    case PartitionRole:
        return shop::partitionForQueue(queue, m_partitions);
    case WaitingRole:
        return std::max<qint64>(0, r.placed - r.served);
    case PlacedRole:
        return r.placed;
    case ServedRole:
        return r.served;
    case OpenRole:
        return r.open;
    default:
        return {};
    }
}

QHash<int, QByteArray> TillModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"},
        {QueueRole, "queue"},
        {KeyRole, "key"},
        {PartitionRole, "partition"},
        {WaitingRole, "waiting"},
        {PlacedRole, "placed"},
        {ServedRole, "served"},
        {OpenRole, "open"},
    };
}

void TillModel::setTills(int count)
{
    m_open = count;
    ensureRows(count);
    // Closed tills whose customers have all been served go; the others stay, marked closed.
    while (m_rows.size() > count && m_rows.last().placed <= m_rows.last().served) {
        const int row = static_cast<int>(m_rows.size()) - 1;
        beginRemoveRows({}, row, row);
        m_rows.removeLast();
        endRemoveRows();
        emit countChanged();
    }
    for (int row = 0; row < m_rows.size(); ++row) {
        const bool open = row < count;
        if (m_rows[row].open != open) {
            m_rows[row].open = open;
            emit dataChanged(index(row), index(row), {OpenRole});
        }
    }
}

void TillModel::setPartitions(int partitions)
{
    if (partitions < 1 || partitions == m_partitions) {
        return;
    }
    m_partitions = partitions;
    if (!m_rows.isEmpty()) {
        emit dataChanged(index(0), index(static_cast<int>(m_rows.size()) - 1), {PartitionRole});
    }
}

void TillModel::applyEvents(const QVector<shop::ShopEvent> &events)
{
    using K = shop::ShopEvent::Kind;
    int first = INT_MAX;
    int last = -1;
    for (const shop::ShopEvent &e : events) {
        if ((e.kind != K::OrderPlaced && e.kind != K::OrderServed) || e.queue < 1) {
            continue;
        }
        ensureRows(e.queue);
        Row &r = m_rows[e.queue - 1];
        if (e.kind == K::OrderPlaced) {
            ++r.placed;
        } else {
            ++r.served;
        }
        first = std::min(first, e.queue - 1);
        last = std::max(last, e.queue - 1);
    }
    if (last >= 0) {
        emit dataChanged(index(first), index(last), {WaitingRole, PlacedRole, ServedRole});
    }
    if (m_rows.size() > m_open) {
        setTills(m_open);
    }
}

void TillModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_open = 0;
    endResetModel();
    emit countChanged();
}

void TillModel::ensureRows(int count)
{
    if (count <= m_rows.size()) {
        return;
    }
    beginInsertRows({}, static_cast<int>(m_rows.size()), count - 1);
    while (m_rows.size() < count) {
        Row r;
        r.open = m_rows.size() < m_open;
        m_rows.append(r);
    }
    endInsertRows();
    emit countChanged();
}

} // namespace chippy::gui
