#include "token_model.h"

namespace chippy::gui {

namespace {

QString place(const QString &topic, int partition)
{
    return topic + QLatin1Char(':') + QString::number(partition);
}

QString member(const QString &participant)
{
    return QStringLiteral("member:") + participant;
}

} // namespace

TokenModel::TokenModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int TokenModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant TokenModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case SerialRole:
        return r.serial;
    case Qt::DisplayRole:
    case OrderRole:
        return r.order;
    case QueueRole:
        return r.queue;
    case FromRole:
        return r.from;
    case ToRole:
        return r.to;
    default:
        return {};
    }
}

QHash<int, QByteArray> TokenModel::roleNames() const
{
    return {
        {SerialRole, "serial"},
        {OrderRole, "order"},
        {QueueRole, "queue"},
        {FromRole, "from"},
        {ToRole, "to"},
    };
}

void TokenModel::setEnabled(bool enabled)
{
    if (enabled != m_enabled) {
        m_enabled = enabled;
        emit enabledChanged();
    }
}

void TokenModel::applyEvents(const QVector<shop::ShopEvent> &events, qint64 nowMs)
{
    using K = shop::ShopEvent::Kind;
    if (!m_enabled) {
        return;
    }
    QList<Row> born;
    for (const shop::ShopEvent &e : events) {
        if (e.partition < 0 || e.topic.isEmpty()) {
            continue;
        }
        Row r;
        r.order = e.order;
        r.queue = e.queue;
        switch (e.kind) {
        case K::OrderPlaced:
            r.from = QStringLiteral("till:%1").arg(e.queue);
            r.to = place(e.topic, e.partition);
            break;
        case K::OrderTaken:
        case K::OrderServed:
            r.from = place(e.topic, e.partition);
            r.to = member(e.participant);
            break;
        case K::SentToCook:
        case K::OrderReady:
        case K::Cooked:
            r.from = member(e.participant);
            r.to = place(e.topic, e.partition);
            break;
        default:
            continue;
        }
        if (m_rows.size() + born.size() >= kMaxTokens) {
            ++m_dropped;
            continue;
        }
        r.serial = m_nextSerial++;
        r.bornMs = nowMs;
        born.append(r);
    }
    if (born.isEmpty()) {
        return;
    }
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(born.size()) - 1);
    m_rows.append(born);
    endInsertRows();
    emit countChanged();
}

void TokenModel::expire(qint64 nowMs)
{
    // Tokens are born in order, so the landed ones are at the front.
    int landed = 0;
    while (landed < m_rows.size() && nowMs - m_rows[landed].bornMs >= kFlightMs) {
        ++landed;
    }
    if (landed == 0) {
        return;
    }
    beginRemoveRows({}, 0, landed - 1);
    m_rows.remove(0, landed);
    endRemoveRows();
    emit countChanged();
}

void TokenModel::clear()
{
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countChanged();
}

} // namespace chippy::gui
