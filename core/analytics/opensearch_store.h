#pragma once

#include "analytics/analytics_store.h"
#include "analytics/opensearch_client.h"

namespace chippy::analytics {

// The store on an OpenSearch node over its REST API: an index template, _bulk writes in bounded
// batches with retries, and one aggregation search for the figures.
class OpenSearchStore : public AnalyticsStore
{
public:
    explicit OpenSearchStore(const AnalyticsSettings &settings);

    QString describe() const override;
    bool prepare(QString *error) override;
    bool write(const QList<EventDocument> &documents, QString *error) override;
    bool sync(QString *error) override;
    std::optional<Figures> figures(const FigureQuery &query, QString *error) override;
    std::optional<qint64> documentCount(QString *error) override;

    // The most documents and bytes one _bulk request carries.
    static constexpr int kMaxBulkDocuments = 1000;
    static constexpr qsizetype kMaxBulkBytes = 5 * 1024 * 1024;

private:
    struct BulkEntry
    {
        QString id;
        QByteArray lines; // the "index" action and the document
    };
    bool writeBatch(const QList<BulkEntry> &batch, QString *error);

    AnalyticsSettings m_settings;
    OpenSearchClient m_client;
};

} // namespace chippy::analytics
