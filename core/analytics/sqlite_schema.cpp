#include "analytics/sqlite_schema.h"

namespace chippy::analytics {

namespace {

QString quoted(const QString &identifier)
{
    return QLatin1Char('"') + identifier + QLatin1Char('"');
}

} // namespace

SqliteSchema::SqliteSchema(const QString &index)
    : documents(quoted(identifier(index)))
    , items(quoted(identifier(index) + QStringLiteral("_items")))
{ }

QString SqliteSchema::identifier(const QString &index)
{
    QString name;
    for (const QChar c : index) {
        const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
        name += plain ? c : QLatin1Char('_');
    }
    if (name.isEmpty() || name.front().isDigit()) {
        name.prepend(QStringLiteral("t_"));
    }
    return name;
}

QStringList SqliteSchema::createStatements() const
{
    const auto bare = [](QString quotedName) { return quotedName.remove(QLatin1Char('"')); };
    const auto index = [&](const QString &table, const QString &suffix, const QString &columns) {
        return QStringLiteral("CREATE INDEX IF NOT EXISTS \"%1_%2\" ON %3 (%4)")
            .arg(bare(table), suffix, table, columns);
    };
    return {
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS %1 (id TEXT PRIMARY KEY NOT NULL, stage INTEGER "
            "NOT NULL, topic TEXT NOT NULL, recordPartition INTEGER NOT NULL, "
            "recordOffset INTEGER NOT NULL, timestampMs INTEGER NOT NULL, orderNumber INTEGER "
            "NOT NULL, queue INTEGER, items TEXT NOT NULL, pricePence INTEGER NOT NULL, "
            "prepMs INTEGER)")
            .arg(documents),
        // Keyed by document, so that replacing a document's rows needs no index of its own.
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS %1 (documentId TEXT NOT NULL, item TEXT NOT NULL, "
            "stage INTEGER NOT NULL, timestampMs INTEGER NOT NULL, portions INTEGER NOT "
            "NULL, PRIMARY KEY (documentId, item)) WITHOUT ROWID")
            .arg(items),
        // Counts, money and buckets: covering range scans over (stage, time).
        index(documents, QStringLiteral("by_stage_time"),
            QStringLiteral("stage, timestampMs, prepMs, pricePence")),
        // Percentiles: Ready documents already in prepMs order.
        index(documents, QStringLiteral("by_stage_prep"),
            QStringLiteral("stage, prepMs, timestampMs")),
        // Grouping by queue or by item reads these in group order, without sorting.
        index(documents, QStringLiteral("by_stage_queue"),
            QStringLiteral("stage, queue, timestampMs, prepMs")),
        index(items, QStringLiteral("by_stage_item"),
            QStringLiteral("stage, item, timestampMs, portions")),
    };
}

} // namespace chippy::analytics
