#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <memory>
#include <optional>

namespace chippy::ledger {

// Where a ledger reader got to in one partition: the next offset to read.
struct SourceOffset
{
    QString topic;
    int partition = 0;
    qint64 nextOffset = 0;

    friend bool operator==(const SourceOffset &, const SourceOffset &) = default;
};

// The accountant's line for one order read from ORDER.
struct Sale
{
    qint64 order = -1;
    int queue = -1;
    int pricePence = 0;
    qint64 timestampMs = 0;
};

// The stockist's line for one record: portions of each item an order used (from ORDER) or
// sent to be cooked (from COOK).
struct PortionsUsed
{
    QString topic; // ORDER or COOK: an order is counted once per topic
    qint64 order = -1;
    QMap<QString, int> portions; // item -> portions
};

struct LedgerTotals
{
    qint64 orders = 0; // sales
    qint64 moneyTakenPence = 0;
    QMap<QString, qint64> portionsOrdered; // from ORDER
    QMap<QString, qint64> portionsCooked; // from COOK
};

// Where the ledger lives: "sqlite:/path/to/ledger.db" or
// "postgresql://user:password@host:port/database".
struct LedgerSettings
{
    QString dsn;
};

// The accountant's and the stockist's tables through QtSql. Each batch of lines is written in
// one transaction together with the offsets it was read up to, and lines are keyed by order,
// so a reader that restarts from its stored offsets never counts an order twice. One object
// is used by one thread.
class Ledger
{
public:
    // Opens (and creates the tables of) the ledger; nothing, with the reason in words, when it
    // cannot.
    static std::unique_ptr<Ledger> open(const LedgerSettings &settings, QString *error);
    ~Ledger();

    // "embedded SQLite (path)" or "PostgreSQL at host:port/database": no password.
    QString describe() const;

    // reader: "accountant" or "stockist" (or a test's own name).
    bool recordSales(const QString &reader, const QList<Sale> &sales,
        const QList<SourceOffset> &offsets, QString *error);
    bool recordPortions(const QString &reader, const QList<PortionsUsed> &lines,
        const QList<SourceOffset> &offsets, QString *error);
    // Where reader got to; empty when it never stored anything.
    std::optional<QList<SourceOffset>> offsets(const QString &reader, QString *error);
    std::optional<LedgerTotals> totals(QString *error);

private:
    class Impl;
    explicit Ledger(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace chippy::ledger
