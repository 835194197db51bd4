#include "notice_model.h"

#include <QDateTime>
#include <QHash>

#include <algorithm>

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
    // A batch can hold thousands of notices (every till failing while the broker is away):
    // they are counted into one row per message first, so the views see a few changes a frame.
    QList<Row> fresh;
    QHash<QString, int> freshRow;
    const auto note = [&](qint64 timeMs, const QString &kind, const QString &text, int repeats) {
        const QString key = kind + QLatin1Char('\n') + text;
        const auto it = freshRow.constFind(key);
        if (it != freshRow.cend()) {
            Row &row = fresh[*it];
            row.repeats += repeats;
            row.timeMs = timeMs;
            row.newest = ++m_serial;
            return;
        }
        freshRow.insert(key, static_cast<int>(fresh.size()));
        fresh.append(Row {timeMs, kind, text, repeats, ++m_serial});
    };
    for (const shop::ShopEvent &e : events) {
        switch (e.kind) {
        case K::Error:
            note(e.timeMs, QStringLiteral("error"),
                QStringLiteral("%1: %2").arg(e.participant, e.text), 1);
            break;
        case K::DeadLettered:
            note(e.timeMs, QStringLiteral("dead-letter"),
                e.order >= 0
                    ? QStringLiteral("order %1 could not be read and went to %2: %3")
                          .arg(e.order)
                          .arg(e.topic, e.text)
                    : QStringLiteral("an unreadable order went to %1: %2").arg(e.topic, e.text),
                1);
            break;
        case K::PlaceFailed:
            note(e.timeMs, QStringLiteral("warning"),
                QStringLiteral("till %1 could not place an order yet and tries again: %2")
                    .arg(e.queue)
                    .arg(e.text),
                static_cast<int>(std::max<qint64>(1, e.value)));
            break;
        case K::DuplicateDropped:
            // After a restart a counter may read hundreds of served orders again: one row
            // per counter, counted, not one per order.
            note(e.timeMs, QStringLiteral("warning"),
                QStringLiteral("%1 got an order it had served again and did not serve it twice")
                    .arg(e.participant),
                1);
            break;
        case K::Command:
            note(e.timeMs, e.value ? QStringLiteral("done") : QStringLiteral("refused"), e.text, 1);
            break;
        case K::StartMoved:
            note(e.timeMs, QStringLiteral("warning"), e.text, 1);
            break;
        default:
            break;
        }
    }
    std::sort(
        fresh.begin(), fresh.end(), [](const Row &a, const Row &b) { return a.newest < b.newest; });
    if (fresh.size() > kMaxRows) {
        fresh.remove(0, fresh.size() - kMaxRows);
    }
    for (const Row &row : std::as_const(fresh)) {
        add(row);
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
    add(Row {timeMs, kind, text, 1, ++m_serial});
}

void NoticeModel::add(const Row &notice)
{
    // A message said before is counted and brought to the top, not listed again.
    int row = 0;
    while (row < m_rows.size()
        && (m_rows[row].text != notice.text || m_rows[row].kind != notice.kind)) {
        ++row;
    }
    if (row < m_rows.size()) {
        if (row > 0) {
            beginMoveRows({}, row, row, {}, 0);
            m_rows.move(row, 0);
            endMoveRows();
        }
        Row &top = m_rows.first();
        top.repeats += notice.repeats;
        top.timeMs = notice.timeMs;
        emit dataChanged(index(0), index(0), {TimeRole, RepeatsRole});
        if (row > 0) {
            emit latestChanged();
        }
        return;
    }
    beginInsertRows({}, 0, 0);
    m_rows.prepend(notice);
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
