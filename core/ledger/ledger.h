#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include <memory>
#include <optional>

namespace chippy::ledger {

// The shop's topics a ledger line comes from (a name with the shop's topic prefix, such as
// "shop1.ORDER", counts as the same topic).
inline constexpr auto kOrderTopic = "ORDER";
inline constexpr auto kCookTopic = "COOK";

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
    QString topic; // ORDER or COOK, prefixed or not: an order is counted once per topic
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

// Where the ledger lives: "sqlite:/path/to/ledger.db" (or a path relative to the working
// folder) or "postgresql://user:password@host:port/database" (percent-encoded, libpq options
// such as ?sslmode=require after it; connect_timeout is 5 seconds unless given).
struct LedgerSettings
{
    QString dsn;
};

// The accountant's and the stockist's tables through QtSql. Each batch of lines is written in
// one transaction together with the offsets it was read up to, and lines are keyed by order,
// so a reader that restarts from its stored offsets never counts an order twice. One object
// is opened and used by one thread (QtSql connections belong to the thread that made them).
class Ledger
{
public:
    // Opens (and creates the tables of) the ledger; nothing, with the reason in words, when it
    // cannot.
    static std::unique_ptr<Ledger> open(const LedgerSettings &settings, QString *error);
    ~Ledger();

    // "embedded SQLite (path)" or "PostgreSQL at host:port/database": no password.
    QString describe() const;

    // reader: "accountant" or "stockist" (or a test's own name). The lines and the offsets
    // after them are written in one transaction: all of it or, with false and the reason,
    // none of it. A batch written again (its commit lost with the connection) counts once.
    bool recordSales(const QString &reader, const QList<Sale> &sales,
        const QList<SourceOffset> &offsets, QString *error);
    bool recordPortions(const QString &reader, const QList<PortionsUsed> &lines,
        const QList<SourceOffset> &offsets, QString *error);
    // Where reader got to; empty when it never stored anything, nothing on an error.
    std::optional<QList<SourceOffset>> offsets(const QString &reader, QString *error);
    std::optional<LedgerTotals> totals(QString *error);

private:
    class Impl;
    explicit Ledger(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace chippy::ledger
