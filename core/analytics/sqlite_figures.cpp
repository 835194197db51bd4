#include "analytics/sqlite_figures.h"
#include "analytics/nearest_rank.h"

#include <QSqlError>

namespace chippy::analytics {

namespace {

using Stage = EventDocument::Stage;

int stageValue(Stage stage)
{
    return static_cast<int>(stage);
}

} // namespace

SqliteFigures::SqliteFigures(QSqlDatabase db, const SqliteSchema &schema)
    : m_db(std::move(db))
    , m_schema(schema)
{ }

std::optional<Figures> SqliteFigures::compute(const FigureQuery &query, QString *error)
{
    if (query.bucketMs <= 0) {
        if (error) {
            *error = QStringLiteral("a bucket must be at least 1 ms wide");
        }
        return std::nullopt;
    }
    Figures figures;
    const bool read = m_db.transaction() && readAll(query, figures);
    if (!read && m_error.isEmpty()) {
        m_error = m_db.lastError().text();
    }
    m_db.commit();
    if (!read) {
        if (error) {
            *error = QStringLiteral("cannot read the analytics figures: ") + m_error;
        }
        return std::nullopt;
    }
    return figures;
}

bool SqliteFigures::run(QSqlQuery &sql, const QString &statement, const QVariantList &values)
{
    sql.setForwardOnly(true);
    if (!sql.prepare(statement)) {
        m_error = sql.lastError().text();
        return false;
    }
    for (int i = 0; i < values.size(); ++i) {
        sql.bindValue(i, values.at(i));
    }
    if (!sql.exec()) {
        m_error = sql.lastError().text();
        return false;
    }
    return true;
}

bool SqliteFigures::readAll(const FigureQuery &query, Figures &figures)
{
    const qint64 since = query.sinceMs;
    const auto &docs = m_schema.documents;
    QSqlQuery sql(m_db);

    const auto countStage = QStringLiteral("SELECT COUNT(*), COALESCE(SUM(pricePence), 0) FROM %1 "
                                           "WHERE stage = ? AND timestampMs >= ?")
                                .arg(docs);
    if (!run(sql, countStage, {stageValue(Stage::Placed), since}) || !sql.next()) {
        return false;
    }
    figures.ordersCounted = sql.value(0).toLongLong();
    figures.moneyTakenPence = sql.value(1).toLongLong();
    if (!run(sql, countStage, {stageValue(Stage::ToCook), since}) || !sql.next()) {
        return false;
    }
    figures.ordersCooked = sql.value(0).toLongLong();
    figures.shareCooked = figures.ordersCounted > 0
        ? double(figures.ordersCooked) / double(figures.ordersCounted)
        : 0.0;
    if (!run(sql,
            QStringLiteral("SELECT COUNT(*), COUNT(prepMs) FROM %1 WHERE stage = ? AND "
                           "timestampMs >= ?")
                .arg(docs),
            {stageValue(Stage::Ready), since})
        || !sql.next()) {
        return false;
    }
    figures.ordersReady = sql.value(0).toLongLong();
    const qint64 timed = sql.value(1).toLongLong();

    const auto perItem = QStringLiteral("SELECT item, %2 FROM %1 WHERE stage = ? AND timestampMs "
                                        ">= ? GROUP BY item");
    if (!run(sql, perItem.arg(m_schema.items, QStringLiteral("COUNT(*)")),
            {stageValue(Stage::Placed), since})) {
        return false;
    }
    while (sql.next()) {
        figures.ordersPerItem.insert(sql.value(0).toString(), sql.value(1).toLongLong());
    }
    if (!run(sql, perItem.arg(m_schema.items, QStringLiteral("SUM(portions)")),
            {stageValue(Stage::Waste), since})) {
        return false;
    }
    while (sql.next()) {
        figures.portionsWasted.insert(sql.value(0).toString(), sql.value(1).toLongLong());
    }

    if (!run(sql,
            QStringLiteral("SELECT timestampMs / ? * ? AS bucket, COUNT(*) FROM %1 WHERE stage = ? "
                           "AND timestampMs >= ? GROUP BY bucket ORDER BY bucket")
                .arg(docs),
            {query.bucketMs, query.bucketMs, stageValue(Stage::Placed), since})) {
        return false;
    }
    while (sql.next()) {
        figures.ordersPerBucket.append({sql.value(0).toLongLong(), sql.value(1).toLongLong()});
    }

    if (!run(sql,
            QStringLiteral("SELECT queue, AVG(prepMs) FROM %1 WHERE stage = ? AND timestampMs >= ? "
                           "AND queue IS NOT NULL AND prepMs IS NOT NULL GROUP BY queue")
                .arg(docs),
            {stageValue(Stage::Ready), since})) {
        return false;
    }
    while (sql.next()) {
        figures.meanWaitPerQueueMs.insert(sql.value(0).toInt(), sql.value(1).toDouble());
    }

    sql.finish();
    if (timed > 0) {
        const auto p50 = prepPercentile(50, timed, since);
        const auto p95 = prepPercentile(95, timed, since);
        if (!p50 || !p95) {
            return false;
        }
        figures.prepP50Ms = *p50;
        figures.prepP95Ms = *p95;
    }
    return true;
}

std::optional<double> SqliteFigures::prepPercentile(int percent, qint64 count, qint64 sinceMs)
{
    QSqlQuery sql(m_db);
    if (!run(sql,
            QStringLiteral("SELECT prepMs FROM %1 WHERE stage = ? AND prepMs IS NOT NULL AND "
                           "timestampMs >= ? ORDER BY prepMs LIMIT 1 OFFSET ?")
                .arg(m_schema.documents),
            {stageValue(Stage::Ready), sinceMs, nearestRank(percent, count) - 1})
        || !sql.next()) {
        if (m_error.isEmpty()) {
            m_error = QStringLiteral("no prepMs at the %1th percentile").arg(percent);
        }
        return std::nullopt;
    }
    return sql.value(0).toDouble();
}

} // namespace chippy::analytics
