#include "analytics/opensearch_figures.h"

#include <QJsonArray>

#include <cmath>

namespace chippy::analytics {

namespace {

using Stage = EventDocument::Stage;

// More distinct items and queues than a shop has; one shard, so terms counts are exact.
static constexpr int kMaxTerms = 1000;
// The most precise HDR histogram OpenSearch keeps: each value within 10^-5 of itself.
static constexpr int kHdrSignificantDigits = 5;

QJsonObject agg(const QString &type, const QJsonObject &body)
{
    return QJsonObject {{type, body}};
}

QJsonObject withAggs(QJsonObject aggregation, const QJsonObject &aggs)
{
    aggregation.insert(QStringLiteral("aggs"), aggs);
    return aggregation;
}

QJsonObject stageFilter(Stage stage)
{
    return agg(QStringLiteral("filter"),
        QJsonObject {{QStringLiteral("term"),
            QJsonObject {{QStringLiteral("stage"), EventDocument::stageName(stage)}}}});
}

QJsonObject terms(const QString &field)
{
    return agg(QStringLiteral("terms"),
        QJsonObject {{QStringLiteral("field"), field}, {QStringLiteral("size"), kMaxTerms}});
}

QJsonObject onField(const QString &type, const QString &field)
{
    return agg(type, QJsonObject {{QStringLiteral("field"), field}});
}

QJsonObject sub(const QJsonObject &parent, const char *name)
{
    return parent.value(QLatin1String(name)).toObject();
}

QJsonArray buckets(const QJsonObject &aggregation)
{
    return aggregation.value(QStringLiteral("buckets")).toArray();
}

qint64 whole(const QJsonValue &value)
{
    return static_cast<qint64>(std::llround(value.toDouble()));
}

} // namespace

QJsonObject figuresSearch(const FigureQuery &query)
{
    const QJsonObject percentiles {{QStringLiteral("field"), QStringLiteral("prepMs")},
        {QStringLiteral("percents"), QJsonArray {50, 95}},
        {QStringLiteral("hdr"),
            QJsonObject {
                {QStringLiteral("number_of_significant_value_digits"), kHdrSignificantDigits}}}};
    const QJsonObject histogram {{QStringLiteral("field"), QStringLiteral("timestampMs")},
        {QStringLiteral("fixed_interval"), QStringLiteral("%1ms").arg(query.bucketMs)},
        {QStringLiteral("min_doc_count"), 1}};
    const QJsonObject wastedPerItem = withAggs(terms(QStringLiteral("portions.item")),
        {{QStringLiteral("portions"),
            onField(QStringLiteral("sum"), QStringLiteral("portions.count"))}});

    const QJsonObject aggs {
        {QStringLiteral("placed"),
            withAggs(stageFilter(Stage::Placed),
                {{QStringLiteral("money"),
                     onField(QStringLiteral("sum"), QStringLiteral("pricePence"))},
                    {QStringLiteral("items"), terms(QStringLiteral("items"))},
                    {QStringLiteral("buckets"),
                        agg(QStringLiteral("date_histogram"), histogram)}})},
        {QStringLiteral("cooked"), stageFilter(Stage::ToCook)},
        {QStringLiteral("ready"),
            withAggs(stageFilter(Stage::Ready),
                {{QStringLiteral("prep"), agg(QStringLiteral("percentiles"), percentiles)},
                    {QStringLiteral("queues"),
                        withAggs(terms(QStringLiteral("queue")),
                            {{QStringLiteral("wait"),
                                onField(QStringLiteral("avg"), QStringLiteral("prepMs"))}})}})},
        {QStringLiteral("waste"),
            withAggs(stageFilter(Stage::Waste),
                {{QStringLiteral("portions"),
                    withAggs(
                        agg(QStringLiteral("nested"),
                            QJsonObject {{QStringLiteral("path"), QStringLiteral("portions")}}),
                        {{QStringLiteral("items"), wastedPerItem}})}})},
    };
    const QJsonObject range {{QStringLiteral("timestampMs"),
        QJsonObject {{QStringLiteral("gte"), query.sinceMs},
            {QStringLiteral("format"), QStringLiteral("epoch_millis")}}}};
    return QJsonObject {{QStringLiteral("size"), 0}, {QStringLiteral("track_total_hits"), false},
        {QStringLiteral("query"), QJsonObject {{QStringLiteral("range"), range}}},
        {QStringLiteral("aggs"), aggs}};
}

Figures figuresFromAnswer(const QJsonObject &answer)
{
    Figures figures;
    const auto aggs = sub(answer, "aggregations");

    const auto placed = sub(aggs, "placed");
    figures.ordersCounted = whole(placed.value(QStringLiteral("doc_count")));
    figures.moneyTakenPence = whole(sub(placed, "money").value(QStringLiteral("value")));
    for (const auto &bucket : buckets(sub(placed, "items"))) {
        const auto b = bucket.toObject();
        figures.ordersPerItem.insert(
            b.value(QStringLiteral("key")).toString(), whole(b.value(QStringLiteral("doc_count"))));
    }
    for (const auto &bucket : buckets(sub(placed, "buckets"))) {
        const auto b = bucket.toObject();
        figures.ordersPerBucket.append(
            {whole(b.value(QStringLiteral("key"))), whole(b.value(QStringLiteral("doc_count")))});
    }

    figures.ordersCooked = whole(sub(aggs, "cooked").value(QStringLiteral("doc_count")));
    figures.shareCooked = figures.ordersCounted > 0
        ? double(figures.ordersCooked) / double(figures.ordersCounted)
        : 0.0;

    const auto ready = sub(aggs, "ready");
    figures.ordersReady = whole(ready.value(QStringLiteral("doc_count")));
    const auto percentiles = sub(sub(ready, "prep"), "values");
    // An empty histogram answers null.
    figures.prepP50Ms = percentiles.value(QStringLiteral("50.0")).toDouble(0);
    figures.prepP95Ms = percentiles.value(QStringLiteral("95.0")).toDouble(0);
    for (const auto &bucket : buckets(sub(ready, "queues"))) {
        const auto b = bucket.toObject();
        const auto wait = sub(b, "wait").value(QStringLiteral("value"));
        if (wait.isDouble()) {
            figures.meanWaitPerQueueMs.insert(
                static_cast<int>(whole(b.value(QStringLiteral("key")))), wait.toDouble());
        }
    }

    for (const auto &bucket : buckets(sub(sub(sub(aggs, "waste"), "portions"), "items"))) {
        const auto b = bucket.toObject();
        figures.portionsWasted.insert(b.value(QStringLiteral("key")).toString(),
            whole(sub(b, "portions").value(QStringLiteral("value"))));
    }
    return figures;
}

} // namespace chippy::analytics
