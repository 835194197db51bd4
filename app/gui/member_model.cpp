#include "member_model.h"

#include <algorithm>

namespace chippy::gui {

namespace {

QString partitionsInWords(const QList<int> &partitions)
{
    QStringList words;
    for (int p : partitions) {
        words << QStringLiteral("P%1").arg(p);
    }
    return words.join(QLatin1Char(' '));
}

// "preparer-10" sorts after "preparer-9".
int indexOf(const QString &name)
{
    return name.section(QLatin1Char('-'), -1).toInt();
}

} // namespace

MemberModel::MemberModel(const QString &group, const QString &topic, QObject *parent)
    : ListModel(parent)
    , m_group(group)
    , m_topic(topic)
{ }

int MemberModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant MemberModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return r.name;
    case TitleRole:
        return titleOf(r.name);
    case StateRole:
        return r.state;
    case PartitionsRole: {
        QVariantList list;
        for (int p : r.partitions) {
            list.append(p);
        }
        return list;
    }
    case OtherRole: {
        QStringList words;
        for (auto it = r.other.cbegin(); it != r.other.cend(); ++it) {
            if (!it.value().isEmpty()) {
                words << it.key() + QLatin1Char(' ') + partitionsInWords(it.value());
            }
        }
        words.sort();
        return words.join(QStringLiteral(" · "));
    }
    case LagRole: {
        qint64 lag = 0;
        for (int p : r.partitions) {
            lag += r.lagByPartition.value(p);
        }
        return lag;
    }
    case HandledRole:
        return r.handled;
    case GenerationRole:
        return r.generation;
    default:
        return {};
    }
}

QHash<int, QByteArray> MemberModel::roleNames() const
{
    return {
        {NameRole, "name"},
        {TitleRole, "title"},
        {StateRole, "state"},
        {PartitionsRole, "partitions"},
        {OtherRole, "other"},
        {LagRole, "lag"},
        {HandledRole, "handled"},
        {GenerationRole, "generation"},
    };
}

void MemberModel::applyEvents(const QVector<shop::ShopEvent> &events)
{
    using K = shop::ShopEvent::Kind;
    // Per row: what changed. Counts change with every order; telling the views only those
    // roles keeps the rest of a card from being laid out again.
    QList<Change> touched(m_rows.size(), Change::None);
    const auto touch = [&](int row, Change change = Change::All) {
        if (row >= touched.size()) {
            touched.resize(row + 1, Change::None);
        }
        touched[row] = std::max(touched[row], change);
    };
    for (const shop::ShopEvent &e : events) {
        if (!follows(e.group) || e.participant.isEmpty()) {
            continue;
        }
        switch (e.kind) {
        case K::ParticipantStarted:
            touch(ensureRow(e.participant));
            break;
        case K::ParticipantStopped: {
            const int row = rowOf(e.participant);
            if (row < 0) {
                break;
            }
            if (e.text == QLatin1String("vanished")) {
                // Still a member to the group until its session times out.
                m_rows[row].state = QStringLiteral("gone");
                m_rows[row].partitions.clear();
                touch(row);
            } else {
                removeRow(row);
                if (row < touched.size()) {
                    touched.remove(row);
                }
            }
            break;
        }
        case K::PartitionsAssigned:
        case K::PartitionsRevoked: {
            const int row = ensureRow(e.participant);
            Row &r = m_rows[row];
            if (r.state == QLatin1String("gone")) {
                break;
            }
            const bool assigned = e.kind == K::PartitionsAssigned;
            if (assigned && e.generation >= 0 && !m_restarted && e.generation < m_generation) {
                break; // the group has moved on since: that assignment is void
            }
            if (assigned && newerGeneration(e.generation)) {
                startGeneration(e.generation, touch);
            }
            QList<int> &target
                = (e.topic.isEmpty() || e.topic == m_topic) ? r.partitions : r.other[e.topic];
            for (int p : e.partitions) {
                target.removeAll(p);
                if (assigned) {
                    target.append(p);
                }
            }
            std::sort(target.begin(), target.end());
            if (assigned && e.generation > r.generation) {
                r.generation = e.generation;
            }
            refreshState(r);
            touch(row);
            break;
        }
        case K::Lag: {
            const int row = rowOf(e.participant);
            if (row >= 0 && e.topic == m_topic) {
                qint64 &lag = m_rows[row].lagByPartition[e.partition];
                if (lag != e.value) {
                    lag = e.value;
                    touch(row, Change::Counts);
                }
            }
            break;
        }
        case K::OrderTaken:
        case K::OrderServed: {
            const int row = rowOf(e.participant);
            if (row >= 0 && (e.topic == m_topic || e.kind == K::OrderServed)) {
                ++m_rows[row].handled;
                touch(row, Change::Counts);
            }
            break;
        }
        default:
            break;
        }
    }
    for (int row = 0; row < std::min(touched.size(), m_rows.size()); ++row) {
        if (touched[row] == Change::All) {
            changed(row);
        } else if (touched[row] == Change::Counts) {
            emit dataChanged(index(row), index(row), {LagRole, HandledRole});
        }
    }
}

void MemberModel::applyView(const shop::ClusterView &view)
{
    for (const shop::ClusterView::Group &g : view.groups) {
        if (!follows(g.groupId)) {
            continue;
        }
        // A reading older than the members' own events does not draw their assignment; a
        // cluster that does not tell generations (the Admin API) is drawn as it reads.
        const bool current = g.generation < 0 || m_restarted || g.generation >= m_generation;
        if (newerGeneration(g.generation)) {
            startGeneration(g.generation, [this](int row) { changed(row); });
        }
        if (g.state != m_state) {
            m_state = g.state;
            emit generationChanged();
        }
        for (int row = static_cast<int>(m_rows.size()) - 1; row >= 0; --row) {
            Row &r = m_rows[row];
            const auto member = std::find_if(g.members.begin(), g.members.end(),
                [&r](const shop::ClusterView::Member &m) { return m.clientId == r.name; });
            if (r.state == QLatin1String("gone")) {
                if (member == g.members.end()) {
                    removeRow(row);
                }
                continue;
            }
            const bool drawn = current && g.state == QLatin1String("Stable");
            if (member == g.members.end()) {
                // Not in the generation the cluster has settled on: it owns nothing there.
                if (drawn && g.generation >= 0 && ownsAny(r)) {
                    r.partitions.clear();
                    r.other.clear();
                    refreshState(r);
                    changed(row);
                }
                continue;
            }
            bool changedRow = false;
            // While the group rebalances the cluster's assignment is the old one; the members'
            // own events are newer then.
            if (drawn) {
                r.generation = std::max(r.generation, g.generation);
                for (auto it = member->assignment.cbegin(); it != member->assignment.cend(); ++it) {
                    QList<int> owned = it.value();
                    std::sort(owned.begin(), owned.end());
                    QList<int> &target = it.key() == m_topic ? r.partitions : r.other[it.key()];
                    if (target != owned) {
                        target = owned;
                        changedRow = true;
                    }
                }
                if (!member->assignment.contains(m_topic) && !r.partitions.isEmpty()) {
                    r.partitions.clear();
                    changedRow = true;
                }
                const QString before = r.state;
                refreshState(r);
                changedRow = changedRow || before != r.state;
            }
            for (const shop::ClusterView::Committed &c : g.committed) {
                if (c.topic == m_topic && r.partitions.contains(c.partition)) {
                    qint64 &lag = r.lagByPartition[c.partition];
                    if (lag != c.lag) {
                        lag = c.lag;
                        changedRow = true;
                    }
                }
            }
            if (changedRow) {
                changed(row);
            }
        }
    }
}

void MemberModel::forgetGeneration()
{
    // The generation drawn stays until the group has one again.
    m_restarted = true;
    for (Row &r : m_rows) {
        r.generation = -1;
    }
}

bool MemberModel::newerGeneration(int generation) const
{
    return generation > m_generation || (m_restarted && generation >= 0);
}

QStringList MemberModel::ownersOf(const QString &topic, int partitions) const
{
    QStringList owners(partitions);
    for (const Row &r : m_rows) {
        const QList<int> &owned = topic == m_topic ? r.partitions : r.other.value(topic);
        for (int p : owned) {
            if (p >= 0 && p < partitions) {
                owners[p] = r.name;
            }
        }
    }
    return owners;
}

void MemberModel::startGeneration(int generation, const std::function<void(int)> &touch)
{
    // Eager rebalancing revokes everything: until a member hears of the new generation it owns
    // nothing, so no partition is ever drawn with an owner from each of two generations.
    m_generation = generation;
    m_restarted = false;
    for (int row = 0; row < m_rows.size(); ++row) {
        Row &r = m_rows[row];
        if (r.generation < generation && ownsAny(r)) {
            r.partitions.clear();
            r.other.clear();
            refreshState(r);
            touch(row);
        }
    }
    m_state = QStringLiteral("Stable");
    emit generationChanged();
}

bool MemberModel::ownsAny(const Row &row)
{
    if (!row.partitions.isEmpty()) {
        return true;
    }
    return std::any_of(row.other.cbegin(), row.other.cend(),
        [](const QList<int> &partitions) { return !partitions.isEmpty(); });
}

void MemberModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_generation = 0;
    m_restarted = false;
    m_state.clear();
    emit countChanged();
    emit generationChanged();
}

int MemberModel::rowOf(const QString &name) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].name == name) {
            return row;
        }
    }
    return -1;
}

bool MemberModel::follows(const QString &group) const
{
    if (m_group.endsWith(QLatin1Char('*'))) {
        return group.startsWith(m_group.chopped(1));
    }
    return group == m_group;
}

int MemberModel::ensureRow(const QString &name)
{
    const int existing = rowOf(name);
    if (existing >= 0) {
        return existing;
    }
    int row = 0;
    while (row < m_rows.size() && indexOf(m_rows[row].name) < indexOf(name)) {
        ++row;
    }
    beginInsertRows({}, row, row);
    Row r;
    r.name = name;
    m_rows.insert(row, r);
    endInsertRows();
    emit countChanged();
    return row;
}

void MemberModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    emit countChanged();
}

void MemberModel::refreshState(Row &row) const
{
    if (row.state == QLatin1String("gone")) {
        return;
    }
    row.state = row.partitions.isEmpty() ? QStringLiteral("idle") : QStringLiteral("working");
}

QString MemberModel::titleOf(const QString &name) const
{
    const QString number = name.section(QLatin1Char('-'), -1);
    QString kind = name.section(QLatin1Char('-'), 0, -2).toUpper();
    if (kind == QLatin1String("PREPARER")) {
        kind = QStringLiteral("FOOD-PREPARER");
    }
    return kind + QLatin1Char(' ') + number;
}

void MemberModel::changed(int row)
{
    emit dataChanged(index(row), index(row));
}

} // namespace chippy::gui
