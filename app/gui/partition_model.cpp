#include "partition_model.h"

#include "member_model.h"

#include "shop/queue_mapping.h"

namespace chippy::gui {

namespace {

bool appendsRecord(shop::ShopEvent::Kind kind)
{
    using K = shop::ShopEvent::Kind;
    return kind == K::OrderPlaced || kind == K::OrderReady || kind == K::SentToCook
        || kind == K::Cooked;
}

} // namespace

PartitionModel::PartitionModel(const QString &topic, const QString &group, QObject *parent)
    : ListModel(parent)
    , m_topic(topic)
    , m_group(group)
    , m_replays(topic, group)
{ }

int PartitionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant PartitionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("P%1").arg(index.row());
    case PartitionRole:
        return index.row();
    case LogStartRole:
        return r.logStart;
    case LogEndRole:
        return r.logEnd;
    case CommittedRole:
        return r.committed;
    case LagRole:
        return r.lag;
    case OwnerRole:
        return r.owner;
    case QueuesRole:
        return r.queues;
    case RecentRole: {
        QVariantList cells;
        cells.reserve(r.recent.size());
        for (int q : r.recent) {
            cells.append(q);
        }
        return cells;
    }
    case RecentFirstRole:
        return r.recentEnd - r.recent.size();
    case BytesRole:
        return r.bytes;
    case RateRole:
        return r.rate;
    case ReadersRole:
        return m_replays.of(index.row());
    default:
        return {};
    }
}

QHash<int, QByteArray> PartitionModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"},
        {PartitionRole, "partition"},
        {LogStartRole, "logStart"},
        {LogEndRole, "logEnd"},
        {CommittedRole, "committed"},
        {LagRole, "lag"},
        {OwnerRole, "owner"},
        {QueuesRole, "queues"},
        {RecentRole, "recent"},
        {RecentFirstRole, "recentFirst"},
        {BytesRole, "bytes"},
        {RateRole, "rate"},
        {ReadersRole, "readers"},
    };
}

qint64 PartitionModel::records() const
{
    qint64 total = 0;
    for (const Row &r : m_rows) {
        total += r.logEnd - r.logStart;
    }
    return total;
}

qint64 PartitionModel::totalLag() const
{
    qint64 total = 0;
    for (const Row &r : m_rows) {
        total += r.lag;
    }
    return total;
}

void PartitionModel::ensurePartitions(int count)
{
    if (count <= m_rows.size()) {
        return;
    }
    beginInsertRows({}, static_cast<int>(m_rows.size()), count - 1);
    while (m_rows.size() < count) {
        m_rows.append(Row {});
    }
    endInsertRows();
    setQueues(m_tills);
    if (m_members) {
        refreshOwners();
    }
    emit countChanged();
}

void PartitionModel::setQueues(int tills)
{
    m_tills = tills;
    const int partitions = static_cast<int>(m_rows.size());
    for (int p = 0; p < partitions; ++p) {
        QVariantList queues;
        for (int q = 1; q <= tills; ++q) {
            if (shop::partitionForQueue(q, partitions) == p) {
                queues.append(q);
            }
        }
        if (queues != m_rows[p].queues) {
            m_rows[p].queues = queues;
            changed(p, {QueuesRole});
        }
    }
}

void PartitionModel::applyView(const shop::ClusterView &view)
{
    const qint64 nowMs = view.takenMs;
    if (const shop::ClusterView::Topic *t = view.topic(m_topic)) {
        ensurePartitions(static_cast<int>(t->partitions.size()));
        for (const shop::ClusterView::Partition &p : t->partitions) {
            if (p.index < 0 || p.index >= m_rows.size()) {
                continue;
            }
            Row &r = m_rows[p.index];
            QList<int> roles;
            if (r.logStart != p.logStart) {
                r.logStart = p.logStart;
                roles << LogStartRole;
            }
            if (r.logEnd != p.logEnd) {
                r.logEnd = p.logEnd;
                roles << LogEndRole;
            }
            if (p.bytes >= 0 && r.bytes != p.bytes) {
                r.bytes = p.bytes;
                roles << BytesRole;
            }
            if (r.rateBaseMs == 0 || r.logEnd < r.rateBaseEnd) {
                r.rateBaseMs = nowMs;
                r.rateBaseEnd = r.logEnd;
            } else if (nowMs - r.rateBaseMs >= kRateWindowMs) {
                r.rate = (r.logEnd - r.rateBaseEnd) * 1000.0 / (nowMs - r.rateBaseMs);
                r.rateBaseMs = nowMs;
                r.rateBaseEnd = r.logEnd;
                roles << RateRole;
            }
            if (!roles.isEmpty()) {
                changed(p.index, roles);
            }
        }
    }
    QStringList owners(m_rows.size());
    QList<qint64> committed(m_rows.size(), -1);
    if (const shop::ClusterView::Group *g = view.group(m_group)) {
        for (const shop::ClusterView::Member &m : g->members) {
            for (int p : m.assignment.value(m_topic)) {
                if (p >= 0 && p < owners.size()) {
                    owners[p] = m.clientId;
                }
            }
        }
        for (const shop::ClusterView::Committed &c : g->committed) {
            if (c.topic == m_topic && c.partition >= 0 && c.partition < committed.size()) {
                committed[c.partition] = c.offset;
            }
        }
    }
    if (m_members) {
        refreshOwners();
    } else {
        showOwners(owners);
    }
    for (int p = 0; p < m_rows.size(); ++p) {
        Row &r = m_rows[p];
        QList<int> roles;
        if (r.committed != committed[p]) {
            r.committed = committed[p];
            roles << CommittedRole;
        }
        const qint64 lag = std::max<qint64>(0, r.logEnd - std::max(r.committed, r.logStart));
        if (r.lag != lag) {
            r.lag = lag;
            roles << LagRole;
        }
        if (!roles.isEmpty()) {
            changed(p, roles);
        }
    }
    readersChanged(m_replays.applyView(view));
    emit totalsChanged();
}

void PartitionModel::applyEvents(const QVector<shop::ShopEvent> &events)
{
    QList<bool> touched(m_rows.size(), false);
    for (const shop::ShopEvent &e : events) {
        if (!appendsRecord(e.kind) || e.topic != m_topic || e.partition < 0 || e.offset < 0) {
            continue;
        }
        if (e.partition >= m_rows.size()) {
            ensurePartitions(e.partition + 1);
            touched.resize(m_rows.size());
        }
        Row &r = m_rows[e.partition];
        if (e.offset < r.recentEnd) {
            continue; // an order written again after a rebalance: its cell is already drawn
        }
        // Records we never saw (other writers, a gap) are drawn as cells of no queue.
        if (r.recentEnd > 0) {
            const qint64 gap = std::min<qint64>(e.offset - r.recentEnd, kCells);
            for (qint64 i = 0; i < gap; ++i) {
                r.recent.append(-1);
            }
        }
        r.recent.append(e.queue);
        while (r.recent.size() > kCells) {
            r.recent.removeFirst();
        }
        r.recentEnd = e.offset + 1;
        r.logEnd = std::max(r.logEnd, r.recentEnd);
        touched[e.partition] = true;
    }
    for (int p = 0; p < touched.size(); ++p) {
        if (touched[p]) {
            changed(p, {RecentRole, RecentFirstRole, LogEndRole});
        }
    }
    readersChanged(m_replays.applyEvents(events));
}

void PartitionModel::followOwners(const MemberModel *members)
{
    m_members = members;
    const auto refresh = [this] { refreshOwners(); };
    connect(members, &QAbstractItemModel::dataChanged, this, refresh);
    connect(members, &QAbstractItemModel::rowsRemoved, this, refresh);
    connect(members, &QAbstractItemModel::modelReset, this, refresh);
    refreshOwners();
}

void PartitionModel::refreshOwners()
{
    showOwners(m_members->ownersOf(m_topic, static_cast<int>(m_rows.size())));
}

void PartitionModel::showOwners(const QStringList &owners)
{
    for (int p = 0; p < m_rows.size(); ++p) {
        if (m_rows[p].owner != owners.value(p)) {
            m_rows[p].owner = owners.value(p);
            changed(p, {OwnerRole});
        }
    }
}

void PartitionModel::clear()
{
    m_replays.clear();
    if (m_rows.isEmpty()) {
        return;
    }
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countChanged();
    emit totalsChanged();
}

void PartitionModel::changed(int row, const QList<int> &roles)
{
    emit dataChanged(index(row), index(row), roles);
}

void PartitionModel::readersChanged(const QSet<int> &partitions)
{
    for (int p : partitions) {
        if (p < m_rows.size()) {
            changed(p, {ReadersRole});
        }
    }
}

} // namespace chippy::gui
