#pragma once

#include <QString>
#include <QStringList>

namespace chippy::analytics {

// The SQLite store's tables for one index name: the documents, keyed by their id, and one row per
// item a Placed or Waste document names with its portions, so that "orders per item" and "portions
// wasted" are index range scans. Stage and timestamp are copied into the item rows for the same
// reason.
struct SqliteSchema
{
    explicit SqliteSchema(const QString &index);

    QString documents; // quoted identifiers, ready to put into SQL
    QString items;

    // CREATE TABLE / CREATE INDEX IF NOT EXISTS statements, in order.
    QStringList createStatements() const;

    // "chippy-events" -> "chippy_events": letters, digits and underscores, not starting with a
    // digit.
    static QString identifier(const QString &index);
};

} // namespace chippy::analytics
