#include "back_office_model.h"

namespace chippy::gui {

BackOfficeModel::BackOfficeModel(shop::TopicNames topics, QObject *parent)
    : ListModel(parent)
    , m_topics(std::move(topics))
{ }

int BackOfficeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant BackOfficeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case RoleRole:
        return row.role;
    case TitleRole:
        return row.role.toUpper();
    case GroupRole:
        return m_topics.prefix + row.role;
    case TopicsRole:
        return row.topics.join(QStringLiteral(" · "));
    case LagRole:
        return row.lag;
    case RecordedRole:
        return row.recorded;
    case StateRole:
        return stateOf(row);
    case StatusRole:
        return statusOf(row);
    default:
        return {};
    }
}

QHash<int, QByteArray> BackOfficeModel::roleNames() const
{
    return {
        {RoleRole, "role"},
        {TitleRole, "title"},
        {GroupRole, "group"},
        {TopicsRole, "topics"},
        {LagRole, "lag"},
        {RecordedRole, "recorded"},
        {StateRole, "state"},
        {StatusRole, "status"},
    };
}

int BackOfficeModel::rowOf(const QString &role) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).role == role) {
            return i;
        }
    }
    return -1;
}

void BackOfficeModel::setJoined(const QStringList &roles)
{
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        if (!roles.contains(m_rows.at(i).role)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (const QString &role : roles) {
        if (rowOf(role) >= 0) {
            continue;
        }
        const int at = count();
        beginInsertRows({}, at, at);
        Row row;
        row.role = role;
        row.topics = topicsOf(role);
        m_rows.append(row);
        endInsertRows();
    }
    emit countChanged();
}

void BackOfficeModel::applyEvents(const QVector<shop::ShopEvent> &events)
{
    using Kind = shop::ShopEvent::Kind;
    for (const shop::ShopEvent &e : events) {
        if (e.kind != Kind::Replaying && e.kind != Kind::Recorded && e.kind != Kind::Error) {
            continue;
        }
        const int at = rowOfParticipant(e.participant);
        if (at < 0) {
            continue;
        }
        Row &row = m_rows[at];
        if (e.kind == Kind::Replaying) {
            row.replayFrom = row.replayFrom < 0 ? e.offset : std::min(row.replayFrom, e.offset);
        } else if (e.kind == Kind::Recorded) {
            row.recorded += e.value;
            row.error.clear();
        } else {
            row.error = e.text;
        }
        changed(at);
    }
}

void BackOfficeModel::applyView(const shop::ClusterView &view)
{
    for (int at = 0; at < m_rows.size(); ++at) {
        Row &row = m_rows[at];
        const shop::ClusterView::Group *group = view.group(m_topics.prefix + row.role);
        const bool firstView = row.replayTo.isEmpty();
        bool pastReplay = true;
        qint64 lag = 0;
        for (const QString &name : std::as_const(row.topics)) {
            const shop::ClusterView::Topic *topic = view.topic(name);
            if (!topic) {
                continue;
            }
            for (const shop::ClusterView::Partition &p : topic->partitions) {
                const QString key = name + QLatin1Char(':') + QString::number(p.index);
                if (firstView) {
                    row.replayTo.insert(key, p.logEnd);
                }
                qint64 from = p.logStart;
                if (group) {
                    for (const shop::ClusterView::Committed &c : group->committed) {
                        if (c.topic == name && c.partition == p.index && c.offset >= 0) {
                            from = std::max(from, c.offset);
                        }
                    }
                }
                lag += std::max<qint64>(0, p.logEnd - from);
                pastReplay = pastReplay && from >= row.replayTo.value(key, 0);
            }
        }
        const bool caughtUp
            = row.caughtUp || (row.replayFrom >= 0 && (lag == 0 || (!firstView && pastReplay)));
        if (lag != row.lag || caughtUp != row.caughtUp) {
            row.lag = lag;
            row.caughtUp = caughtUp;
            changed(at);
        }
    }
}

void BackOfficeModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countChanged();
}

QStringList BackOfficeModel::topicsOf(const QString &role) const
{
    if (role == QLatin1String("accountant")) {
        return {m_topics.order()};
    }
    if (role == QLatin1String("stockist")) {
        return {m_topics.order(), m_topics.cook()};
    }
    if (role == QLatin1String("statistician")) {
        return {m_topics.order(), m_topics.cook(), m_topics.hotFood(), m_topics.ready()};
    }
    return {};
}

QString BackOfficeModel::stateOf(const Row &row) const
{
    if (!row.error.isEmpty()) {
        return QStringLiteral("error");
    }
    if (row.caughtUp) {
        return QStringLiteral("caught-up");
    }
    return row.replayFrom >= 0 ? QStringLiteral("replaying") : QStringLiteral("joining");
}

QString BackOfficeModel::statusOf(const Row &row) const
{
    const QString state = stateOf(row);
    if (state == QLatin1String("error")) {
        return row.error;
    }
    if (state == QLatin1String("caught-up")) {
        return tr("caught up");
    }
    if (state == QLatin1String("replaying")) {
        return tr("replaying from offset %1").arg(row.replayFrom);
    }
    return tr("joining its group");
}

int BackOfficeModel::rowOfParticipant(const QString &participant) const
{
    return participant.startsWith(m_topics.prefix) ? rowOf(participant.mid(m_topics.prefix.size()))
                                                   : -1;
}

void BackOfficeModel::changed(int row)
{
    const QModelIndex at = index(row);
    emit dataChanged(at, at);
}

} // namespace chippy::gui
