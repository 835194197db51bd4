#include "journey_model.h"

#include "causal_order.h"

#include <QDateTime>

namespace chippy::gui {

JourneyModel::JourneyModel(const OrderIndex *index, QObject *parent)
    : ListModel(parent)
    , m_index(index)
{ }

int JourneyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_hops.size());
}

QVariant JourneyModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const OrderIndex::Hop &h = m_hops.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case StepRole:
        return stepInWords(h);
    case PlaceRole:
        return placeOf(h);
    case TopicRole:
        return h.topic;
    case PartitionRole:
        return h.partition;
    case OffsetRole:
        return h.offset;
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(h.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    case ElapsedRole:
        return h.timeMs - m_hops.first().timeMs;
    default:
        return {};
    }
}

QHash<int, QByteArray> JourneyModel::roleNames() const
{
    return {
        {StepRole, "step"},
        {PlaceRole, "place"},
        {TopicRole, "topic"},
        {PartitionRole, "partition"},
        {OffsetRole, "offset"},
        {TimeRole, "time"},
        {ElapsedRole, "elapsed"},
    };
}

QString JourneyModel::summary() const
{
    if (m_order < 0) {
        return {};
    }
    if (m_hops.isEmpty()) {
        return QStringLiteral("order %1: no hops seen since the window opened").arg(m_order);
    }
    QStringList parts;
    for (const OrderIndex::Hop &h : m_hops) {
        parts << QStringLiteral("%1 %2 (+%3 ms)")
                     .arg(stepInWords(h), placeOf(h))
                     .arg(h.timeMs - m_hops.first().timeMs);
    }
    return QStringLiteral("order %1: ").arg(m_order) + parts.join(QStringLiteral(" → "));
}

void JourneyModel::follow(qint64 order)
{
    if (order != m_order) {
        m_order = order;
        emit orderChanged();
    }
    refresh();
}

void JourneyModel::refresh()
{
    beginResetModel();
    m_hops = m_order >= 0 ? inCausalOrder(m_index->hops(m_order)) : QList<OrderIndex::Hop> {};
    endResetModel();
    emit summaryChanged();
}

QString JourneyModel::stepInWords(const OrderIndex::Hop &hop)
{
    using K = shop::ShopEvent::Kind;
    switch (hop.kind) {
    case K::OrderPlaced:
        return QStringLiteral("%1 placed it on").arg(hop.participant);
    case K::OrderTaken:
        return QStringLiteral("%1 took it from").arg(hop.participant);
    case K::SentToCook:
        return QStringLiteral("%1 sent it to").arg(hop.participant);
    case K::Cooked:
        return QStringLiteral("%1 cooked it onto").arg(hop.participant);
    case K::OrderReady:
        return QStringLiteral("%1 made it up onto").arg(hop.participant);
    case K::OrderServed:
        return QStringLiteral("%1 served it from").arg(hop.participant);
    case K::DeadLettered:
        return QStringLiteral("%1 could not read it; it went to").arg(hop.participant);
    default:
        return hop.participant;
    }
}

QString JourneyModel::placeOf(const OrderIndex::Hop &hop)
{
    if (hop.topic.isEmpty()) {
        return {};
    }
    return QStringLiteral("%1/P%2@%3").arg(hop.topic).arg(hop.partition).arg(hop.offset);
}

} // namespace chippy::gui
