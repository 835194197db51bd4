#include "analytics/opensearch_documents.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace chippy::analytics {

namespace {

QJsonObject typed(const char *type)
{
    return QJsonObject {{QStringLiteral("type"), QString::fromLatin1(type)}};
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QJsonObject indexTemplate(const QString &index)
{
    QJsonObject timestamp = typed("date");
    timestamp.insert(QStringLiteral("format"), QStringLiteral("epoch_millis"));
    const QJsonObject portions {{QStringLiteral("type"), QStringLiteral("nested")},
        {QStringLiteral("properties"),
            QJsonObject {{QStringLiteral("item"), typed("keyword")},
                {QStringLiteral("count"), typed("integer")}}}};
    const QJsonObject mappings {{QStringLiteral("dynamic"), false},
        {QStringLiteral("properties"),
            QJsonObject {{QStringLiteral("stage"), typed("keyword")},
                {QStringLiteral("topic"), typed("keyword")},
                {QStringLiteral("partition"), typed("integer")},
                {QStringLiteral("offset"), typed("long")},
                {QStringLiteral("timestampMs"), timestamp},
                {QStringLiteral("order"), typed("long")},
                {QStringLiteral("queue"), typed("integer")},
                {QStringLiteral("items"), typed("keyword")},
                {QStringLiteral("pricePence"), typed("long")},
                {QStringLiteral("prepMs"), typed("long")},
                {QStringLiteral("portions"), portions}}}};
    const QJsonObject settings {
        {QStringLiteral("number_of_shards"), 1}, {QStringLiteral("number_of_replicas"), 0}};
    return QJsonObject {{QStringLiteral("index_patterns"), QJsonArray {index}},
        {QStringLiteral("template"),
            QJsonObject {
                {QStringLiteral("settings"), settings}, {QStringLiteral("mappings"), mappings}}}};
}

QJsonObject documentJson(const EventDocument &document)
{
    QJsonObject json {{QStringLiteral("stage"), EventDocument::stageName(document.stage)},
        {QStringLiteral("topic"), document.topic},
        {QStringLiteral("partition"), document.partition},
        {QStringLiteral("offset"), document.offset},
        {QStringLiteral("timestampMs"), document.timestampMs},
        {QStringLiteral("order"), document.order},
        {QStringLiteral("items"), QJsonArray::fromStringList(document.items)},
        {QStringLiteral("pricePence"), document.pricePence}};
    if (document.queue >= 0) {
        json.insert(QStringLiteral("queue"), document.queue);
    }
    if (document.prepMs >= 0) {
        json.insert(QStringLiteral("prepMs"), document.prepMs);
    }
    if (document.stage == EventDocument::Stage::Waste) {
        QJsonArray portions;
        const auto perItem = document.portionsPerItem();
        for (auto it = perItem.cbegin(); it != perItem.cend(); ++it) {
            portions.append(QJsonObject {
                {QStringLiteral("item"), it.key()}, {QStringLiteral("count"), it.value()}});
        }
        json.insert(QStringLiteral("portions"), portions);
    }
    return json;
}

QByteArray bulkLines(const QString &index, const EventDocument &document)
{
    const QJsonObject action {{QStringLiteral("index"),
        QJsonObject {{QStringLiteral("_index"), index}, {QStringLiteral("_id"), document.id()}}}};
    return compact(action) + '\n' + compact(documentJson(document)) + '\n';
}

} // namespace chippy::analytics
