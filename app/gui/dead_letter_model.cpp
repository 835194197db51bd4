#include "dead_letter_model.h"

namespace chippy::gui {

DeadLetterModel::DeadLetterModel(QString topic, QObject *parent)
    : ListModel(parent)
    , m_topic(std::move(topic))
{ }

int DeadLetterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_letters.size());
}

QVariant DeadLetterModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Letter &l = m_letters.at(index.row());
    switch (role) {
    case PartitionRole:
        return l.partition;
    case OffsetRole:
        return l.offset;
    case OrderRole:
        return l.order;
    case ParticipantRole:
        return l.participant;
    case Qt::DisplayRole:
    case ReasonRole:
        return l.reason;
    default:
        return {};
    }
}

QHash<int, QByteArray> DeadLetterModel::roleNames() const
{
    return {
        {PartitionRole, "partition"},
        {OffsetRole, "offset"},
        {OrderRole, "order"},
        {ParticipantRole, "participant"},
        {ReasonRole, "reason"},
    };
}

void DeadLetterModel::applyEvents(const QVector<shop::ShopEvent> &events)
{
    QList<Letter> fresh;
    for (const shop::ShopEvent &e : events) {
        if (e.kind == shop::ShopEvent::Kind::DeadLettered && e.topic == m_topic) {
            fresh.prepend(Letter {e.partition, e.offset, e.order, e.participant, e.text});
        }
    }
    if (fresh.isEmpty()) {
        return;
    }
    m_total += static_cast<int>(fresh.size());
    beginResetModel();
    m_letters = fresh + m_letters;
    m_letters.resize(std::min<qsizetype>(m_letters.size(), kShown));
    endResetModel();
    emit totalChanged();
}

void DeadLetterModel::clear()
{
    beginResetModel();
    m_letters.clear();
    endResetModel();
    if (m_total != 0) {
        m_total = 0;
        emit totalChanged();
    }
}

} // namespace chippy::gui
