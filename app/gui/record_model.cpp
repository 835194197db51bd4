#include "record_model.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>

namespace chippy::gui {

RecordModel::RecordModel(QObject *parent)
    : ListModel(parent)
{ }

RecordModel::~RecordModel()
{
    for (QThread *t : std::as_const(m_threads)) {
        t->wait();
        delete t;
    }
}

int RecordModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_records.size());
}

QVariant RecordModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const shop::TailRecord &m = m_records.at(index.row());
    switch (role) {
    case OffsetRole:
        return m.offset;
    case KeyRole:
        return QString::fromUtf8(m.key);
    case Qt::DisplayRole:
    case ValueRole:
        return QString::fromUtf8(m.value);
    case HeadersRole: {
        QStringList words;
        for (const auto &[name, value] : m.headers) {
            words << QString::fromUtf8(name) + QLatin1Char('=') + QString::fromUtf8(value);
        }
        return words.join(QStringLiteral(", "));
    }
    case TimestampRole:
        return m.timestampMs < 0 ? QString()
                                 : QDateTime::fromMSecsSinceEpoch(m.timestampMs)
                                       .toString(QStringLiteral("HH:mm:ss.zzz"));
    case OrderRole:
    case QueueRole: {
        const QJsonObject o = QJsonDocument::fromJson(m.value).object();
        const char *field = role == OrderRole ? "order" : "queue";
        return o.value(QLatin1String(field)).toInteger(-1);
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> RecordModel::roleNames() const
{
    return {
        {OffsetRole, "offset"},
        {KeyRole, "key"},
        {ValueRole, "value"},
        {HeadersRole, "headers"},
        {TimestampRole, "timestamp"},
        {OrderRole, "order"},
        {QueueRole, "queue"},
    };
}

void RecordModel::load(const QString &topic, int partition, qint64 logStart, qint64 logEnd)
{
    if (topic != m_topic || partition != m_partition) {
        m_topic = topic;
        m_partition = partition;
        emit partitionChanged();
    }
    const quint64 request = ++m_request;
    m_loading = true;
    m_error.clear();
    emit loadingChanged();
    reap();
    if (logEnd <= logStart) {
        finished(request, {},
            logEnd == 0 ? QStringLiteral("%1 P%2 is empty").arg(topic).arg(partition)
                        : QStringLiteral("retention has removed every record of %1 P%2")
                              .arg(topic)
                              .arg(partition));
        return;
    }
    const qint64 from = std::max(logStart, logEnd - kRecords);
    const shop::PartitionTail reader = m_reader;
    QThread *thread = QThread::create([this, reader, topic, partition, from, logEnd, request] {
        QString error;
        QList<shop::TailRecord> records = reader.read(topic, partition, from, logEnd, &error);
        QMetaObject::invokeMethod(
            this,
            [this, request, records = std::move(records), error] {
                finished(request, records, error);
            },
            Qt::QueuedConnection);
    });
    thread->setObjectName(QStringLiteral("record-inspector"));
    m_threads.append(thread);
    thread->start();
}

void RecordModel::clear()
{
    ++m_request;
    beginResetModel();
    m_records.clear();
    m_topic.clear();
    m_partition = -1;
    endResetModel();
    m_loading = false;
    m_error.clear();
    emit partitionChanged();
    emit loadingChanged();
    if (m_held) {
        m_held = false;
        emit heldChanged();
    }
}

void RecordModel::finished(quint64 request, QList<shop::TailRecord> records, const QString &error)
{
    reap();
    if (request != m_request) {
        return; // an older request, overtaken by a newer one
    }
    std::reverse(records.begin(), records.end());
    beginResetModel();
    m_records = std::move(records);
    endResetModel();
    m_loading = false;
    m_error = error;
    emit loadingChanged();
}

void RecordModel::reap()
{
    for (int i = static_cast<int>(m_threads.size()) - 1; i >= 0; --i) {
        if (m_threads[i]->isFinished()) {
            delete m_threads.takeAt(i);
        }
    }
}

} // namespace chippy::gui
