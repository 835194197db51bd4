#include "notice_model.h"

#include <QDateTime>

namespace chippy::gui {

NoticeModel::NoticeModel(QObject *parent)
    : ListModel(parent)
{ }

int NoticeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant NoticeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case TimeRole:
        return QDateTime::fromMSecsSinceEpoch(r.timeMs).toString(QStringLiteral("HH:mm:ss"));
    case KindRole:
        return r.kind;
    case Qt::DisplayRole:
    case TextRole:
        return r.text;
    case RepeatsRole:
        return r.repeats;
    default:
        return {};
    }
}

QHash<int, QByteArray> NoticeModel::roleNames() const
{
    return {
        {TimeRole, "time"},
        {KindRole, "kind"},
        {TextRole, "text"},
        {RepeatsRole, "repeats"},
    };
}

void NoticeModel::applyEvents(const QVector<shop::ShopEvent> &events)
{
    using K = shop::ShopEvent::Kind;
    for (const shop::ShopEvent &e : events) {
        switch (e.kind) {
        case K::Error:
            add(e.timeMs, QStringLiteral("error"),
                QStringLiteral("%1: %2").arg(e.participant, e.text));
            break;
        case K::DeadLettered:
            add(e.timeMs, QStringLiteral("dead-letter"),
                e.order >= 0
                    ? QStringLiteral("order %1 could not be read and went to %2: %3")
                          .arg(e.order)
                          .arg(e.topic, e.text)
                    : QStringLiteral("an unreadable order went to %1: %2").arg(e.topic, e.text));
            break;
        case K::PlaceFailed:
            add(e.timeMs, QStringLiteral("warning"),
                QStringLiteral("till %1 could not place an order yet and tries again: %2")
                    .arg(e.queue)
                    .arg(e.text));
            break;
        case K::DuplicateDropped:
            add(e.timeMs, QStringLiteral("warning"),
                QStringLiteral("%1 got order %2 again and did not serve it twice")
                    .arg(e.participant)
                    .arg(e.order));
            break;
        case K::Command:
            add(e.timeMs, e.value ? QStringLiteral("done") : QStringLiteral("refused"), e.text);
            break;
        default:
            break;
        }
    }
}

void NoticeModel::post(const QString &kind, const QString &text)
{
    add(QDateTime::currentMSecsSinceEpoch(), kind, text);
}

void NoticeModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countChanged();
    emit latestChanged();
}

void NoticeModel::add(qint64 timeMs, const QString &kind, const QString &text)
{
    if (!m_rows.isEmpty() && m_rows.first().text == text && m_rows.first().kind == kind) {
        ++m_rows.first().repeats;
        m_rows.first().timeMs = timeMs;
        emit dataChanged(index(0), index(0), {TimeRole, RepeatsRole});
        return;
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend(Row {timeMs, kind, text, 1});
    endInsertRows();
    if (m_rows.size() > kMaxRows) {
        const int last = static_cast<int>(m_rows.size()) - 1;
        beginRemoveRows({}, last, last);
        m_rows.removeLast();
        endRemoveRows();
    }
    emit countChanged();
    emit latestChanged();
}

} // namespace chippy::gui
