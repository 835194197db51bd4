#include "analytics/opensearch_store.h"
#include "analytics/analytics_log.h"
#include "analytics/opensearch_documents.h"
#include "analytics/opensearch_figures.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

#include <algorithm>

namespace chippy::analytics {

namespace {

static constexpr int kFirstBackoffMs = 100;
static constexpr int kMaxBackoffMs = 3000;

bool fail(QString *error, const QString &reason)
{
    if (error) {
        *error = reason;
    }
    return false;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool transientItemStatus(int status)
{
    return status == 429 || status >= 500;
}

} // namespace

OpenSearchStore::OpenSearchStore(const AnalyticsSettings &settings)
    : m_settings(settings)
    , m_client(settings)
{ }

QString OpenSearchStore::describe() const
{
    return QStringLiteral("OpenSearch at %1 (index %2)")
        .arg(m_client.displayUrl(), m_settings.index);
}

bool OpenSearchStore::prepare(QString *error)
{
    const auto templ = m_client.send("PUT", QStringLiteral("/_index_template/") + m_settings.index,
        compact(indexTemplate(m_settings.index)));
    if (!templ.ok()) {
        return fail(error, QStringLiteral("cannot put the index template: ") + templ.failure);
    }
    const auto index = m_client.send("PUT", QStringLiteral("/") + m_settings.index);
    const bool existed = index.status == 400
        && index.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("type"))
            == QLatin1String("resource_already_exists_exception");
    if (!index.ok() && !existed) {
        return fail(error, QStringLiteral("cannot create the index: ") + index.failure);
    }
    qCDebug(lcAnalytics) << "prepared" << describe();
    return true;
}

bool OpenSearchStore::write(const QList<EventDocument> &documents, QString *error)
{
    QList<BulkEntry> batch;
    qsizetype batchBytes = 0;
    for (const auto &document : documents) {
        BulkEntry entry {document.id(), bulkLines(m_settings.index, document)};
        if (!batch.isEmpty()
            && (batch.size() >= kMaxBulkDocuments
                || batchBytes + entry.lines.size() > kMaxBulkBytes)) {
            if (!writeBatch(batch, error)) {
                return false;
            }
            batch.clear();
            batchBytes = 0;
        }
        batchBytes += entry.lines.size();
        batch.append(std::move(entry));
    }
    return batch.isEmpty() || writeBatch(batch, error);
}

// Sends the batch and then only what failed of it, with growing pauses, until every document is
// acknowledged, a document is refused for good, or the retry budget is spent.
bool OpenSearchStore::writeBatch(const QList<BulkEntry> &batch, QString *error)
{
    QDeadlineTimer budget(m_settings.retryBudgetMs);
    int backoffMs = kFirstBackoffMs;
    QList<BulkEntry> pending = batch;
    QString lastFailure;
    for (;;) {
        QByteArray body;
        for (const auto &entry : pending) {
            body += entry.lines;
        }
        const auto reply
            = m_client.send("POST", QStringLiteral("/_bulk"), body, "application/x-ndjson");
        const auto answer = reply.ok() ? reply.json() : QJsonObject();
        const auto items = answer.value(QStringLiteral("items")).toArray();
        if (reply.ok() && !answer.value(QStringLiteral("errors")).toBool()) {
            return true;
        }
        if (reply.ok() && items.size() == pending.size()) {
            QList<BulkEntry> failed;
            for (qsizetype i = 0; i < items.size(); ++i) {
                const auto result
                    = items.at(i).toObject().value(QStringLiteral("index")).toObject();
                const int status = result.value(QStringLiteral("status")).toInt();
                if (status >= 200 && status < 300) {
                    continue;
                }
                const auto reason = result.value(QStringLiteral("error"))
                                        .toObject()
                                        .value(QStringLiteral("reason"))
                                        .toString();
                lastFailure = QStringLiteral("OpenSearch at %1 refused document %2 (%3: %4)")
                                  .arg(m_client.displayUrl(), pending.at(i).id)
                                  .arg(status)
                                  .arg(reason);
                if (!transientItemStatus(status)) {
                    return fail(error, lastFailure);
                }
                failed.append(pending.at(i));
            }
            pending = failed;
            if (pending.isEmpty()) {
                return true;
            }
        } else if (reply.ok()) {
            lastFailure = QStringLiteral("OpenSearch at %1 answered %2 results for %3 documents")
                              .arg(m_client.displayUrl())
                              .arg(items.size())
                              .arg(pending.size());
        } else if (reply.transient()) {
            lastFailure = reply.failure;
        } else {
            return fail(error, QStringLiteral("cannot write documents: ") + reply.failure);
        }
        const auto remainingMs = budget.remainingTime();
        if (remainingMs <= 0) {
            qCWarning(lcAnalytics)
                << "giving up after" << m_settings.retryBudgetMs << "ms:" << lastFailure;
            return fail(error,
                QStringLiteral("%1 (gave up after %2 s of retries, %3 of %4 documents unwritten)")
                    .arg(lastFailure)
                    .arg(m_settings.retryBudgetMs / 1000.0)
                    .arg(pending.size())
                    .arg(batch.size()));
        }
        qCDebug(lcAnalytics) << "retrying" << pending.size() << "documents in" << backoffMs
                             << "ms:" << lastFailure;
        QThread::msleep(std::min<qint64>(backoffMs, remainingMs));
        backoffMs = std::min(backoffMs * 2, kMaxBackoffMs);
    }
}

bool OpenSearchStore::sync(QString *error)
{
    const auto reply = m_client.send("POST", QStringLiteral("/%1/_refresh").arg(m_settings.index));
    return reply.ok() || fail(error, QStringLiteral("cannot refresh: ") + reply.failure);
}

std::optional<Figures> OpenSearchStore::figures(const FigureQuery &query, QString *error)
{
    if (query.bucketMs <= 0) {
        fail(error, QStringLiteral("a bucket must be at least 1 ms wide"));
        return std::nullopt;
    }
    const auto reply = m_client.send(
        "POST", QStringLiteral("/%1/_search").arg(m_settings.index), compact(figuresSearch(query)));
    if (!reply.ok()) {
        fail(error, QStringLiteral("cannot read the analytics figures: ") + reply.failure);
        return std::nullopt;
    }
    return figuresFromAnswer(reply.json());
}

std::optional<qint64> OpenSearchStore::documentCount(QString *error)
{
    const auto reply = m_client.send("GET", QStringLiteral("/%1/_count").arg(m_settings.index));
    if (!reply.ok()) {
        fail(error, QStringLiteral("cannot count documents: ") + reply.failure);
        return std::nullopt;
    }
    return static_cast<qint64>(reply.json().value(QStringLiteral("count")).toDouble());
}

} // namespace chippy::analytics
