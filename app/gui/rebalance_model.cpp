#include "rebalance_model.h"

#include <QDateTime>

#include <algorithm>

namespace chippy::gui {

RebalanceModel::RebalanceModel(QMap<QString, QString> topicOfGroup, QObject *parent)
    : ListModel(parent)
    , m_topicOfGroup(std::move(topicOfGroup))
{ }

int RebalanceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant RebalanceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(r.timeMs).toString(QStringLiteral("HH:mm:ss"));
    case GroupRole:
        return r.group;
    case GenerationRole:
        return r.generation;
    case ChangeRole:
        return r.change;
    case Qt::DisplayRole:
    case OwnershipRole:
        return ownership(r);
    default:
        return {};
    }
}

QHash<int, QByteArray> RebalanceModel::roleNames() const
{
    return {
        {TimeRole, "time"},
        {GroupRole, "group"},
        {GenerationRole, "generation"},
        {ChangeRole, "change"},
        {OwnershipRole, "ownership"},
    };
}

void RebalanceModel::setTopicOfGroup(const QString &group, const QString &topic)
{
    m_topicOfGroup.insert(group, topic);
}

void RebalanceModel::applyEvents(const QVector<shop::ShopEvent> &events)
{
    for (const shop::ShopEvent &e : events) {
        if (e.kind != shop::ShopEvent::Kind::PartitionsAssigned || e.generation < 0
            || !m_topicOfGroup.contains(e.group)) {
            continue;
        }
        const QString topic = m_topicOfGroup.value(e.group);
        if (!e.topic.isEmpty() && e.topic != topic) {
            continue;
        }
        const int row = rowFor(e.group, e.generation, e.timeMs);
        Row &r = m_rows[row];
        QList<int> &owned = r.owned[e.participant];
        owned = QList<int>(e.partitions.begin(), e.partitions.end());
        std::sort(owned.begin(), owned.end());
        // The change is read against the group's previous generation, when there is one.
        for (int older = row + 1; older < m_rows.size(); ++older) {
            if (m_rows[older].group == r.group) {
                r.change = changeFrom(m_rows[older], r);
                break;
            }
        }
        if (r.change.isEmpty()) {
            r.change = QStringLiteral("%1 joined").arg(e.participant);
        }
        emit dataChanged(index(row), index(row));
    }
}

void RebalanceModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countChanged();
}

int RebalanceModel::rowFor(const QString &group, int generation, qint64 timeMs)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].group == group && m_rows[row].generation == generation) {
            return row;
        }
    }
    // Rows stay in order of generation within a group; a new one goes on top.
    beginInsertRows({}, 0, 0);
    Row r;
    r.timeMs = timeMs;
    r.group = group;
    r.generation = generation;
    m_rows.prepend(r);
    endInsertRows();
    if (m_rows.size() > kMaxRows) {
        const int last = static_cast<int>(m_rows.size()) - 1;
        beginRemoveRows({}, last, last);
        m_rows.removeLast();
        endRemoveRows();
    }
    emit countChanged();
    return 0;
}

QString RebalanceModel::ownership(const Row &row) const
{
    QStringList parts;
    for (auto it = row.owned.cbegin(); it != row.owned.cend(); ++it) {
        if (it.value().isEmpty()) {
            parts << QStringLiteral("%1 idle").arg(it.key());
            continue;
        }
        QStringList ps;
        for (int p : it.value()) {
            ps << QStringLiteral("P%1").arg(p);
        }
        parts << it.key() + QLatin1Char(' ') + ps.join(QLatin1Char(' '));
    }
    return parts.join(QStringLiteral(" · "));
}

QString RebalanceModel::changeFrom(const Row &previous, const Row &now) const
{
    QStringList joined;
    QStringList left;
    for (auto it = now.owned.cbegin(); it != now.owned.cend(); ++it) {
        if (!previous.owned.contains(it.key())) {
            joined << it.key();
        }
    }
    for (auto it = previous.owned.cbegin(); it != previous.owned.cend(); ++it) {
        if (!now.owned.contains(it.key())) {
            left << it.key();
        }
    }
    QStringList words;
    if (!joined.isEmpty()) {
        words << joined.join(QStringLiteral(", ")) + QStringLiteral(" joined");
    }
    if (!left.isEmpty()) {
        words << left.join(QStringLiteral(", ")) + QStringLiteral(" left");
    }
    if (words.isEmpty()) {
        words << QStringLiteral("partitions shared out again");
    }
    return words.join(QStringLiteral("; "));
}

} // namespace chippy::gui
