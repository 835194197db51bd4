#include "ledger/ledger.h"

#include "ledger/ledger_connection.h"
#include "ledger/ledger_location.h"
#include "ledger/ledger_log.h"
#include "ledger/ledger_reads.h"
#include "ledger/ledger_schema.h"
#include "ledger/ledger_sql.h"
#include "ledger/ledger_writes.h"

#include <functional>

namespace chippy::ledger {

namespace {

void setError(QString *error, const QString &reason)
{
    if (error) {
        *error = reason;
    }
}

} // namespace

class Ledger::Impl
{
public:
    explicit Impl(LedgerLocation location)
        : connection(std::move(location))
    { }

    using Writes = std::function<bool(LedgerWrites &, QString *)>;
    template<typename T> using Read = std::function<std::optional<T>(QSqlDatabase &, QString *)>;

    bool writeBatch(const QString &reader, const Writes &writeLines,
        const QList<SourceOffset> &offsets, QString *error);

    template<typename T>
    std::optional<T> read(const QString &what, const Read<T> &reading, QString *error)
    {
        QString reason;
        // A read changes nothing, so after a lost connection it is simply asked again.
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (!connection.open(&reason)) {
                break;
            }
            if (auto result = reading(connection.database(), &reason)) {
                return result;
            }
            if (!closeIfBroken()) {
                break;
            }
        }
        fail(what, reason, error);
        return std::nullopt;
    }

    void fail(const QString &what, const QString &reason, QString *error) const
    {
        const auto &location = connection.location();
        const QString words = QStringLiteral("%1 (%2): %3")
                                  .arg(what, location.describe(), location.withoutPassword(reason));
        qCWarning(lcLedger).noquote() << words;
        setError(error, words);
    }

    LedgerConnection connection;

private:
    bool begin(QString *reason);
    // True when the connection was broken and is now closed, for the next open() to replace.
    bool closeIfBroken();

    // Declared after the connection, so that its statements go before the connection does.
    std::unique_ptr<LedgerWrites> m_writes;
};

bool Ledger::Impl::closeIfBroken()
{
    if (connection.isAlive()) {
        return false;
    }
    m_writes.reset();
    connection.close();
    return true;
}

bool Ledger::Impl::begin(QString *reason)
{
    // Nothing is written before the transaction starts, so a connection the server ended
    // since the last batch is replaced once here.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!connection.open(reason)) {
            return false;
        }
        if (connection.database().transaction()) {
            if (!m_writes) {
                m_writes = std::make_unique<LedgerWrites>(connection.database());
            }
            return true;
        }
        *reason = reasonOf(connection.database().lastError());
        if (!closeIfBroken()) {
            return false;
        }
    }
    return false;
}

bool Ledger::Impl::writeBatch(const QString &reader, const Writes &writeLines,
    const QList<SourceOffset> &offsets, QString *error)
{
    const QString what = QStringLiteral("the %1's batch is not recorded").arg(reader);
    QString reason;
    if (begin(&reason)) {
        QSqlDatabase &db = connection.database();
        if (writeLines(*m_writes, &reason) && m_writes->writeOffsets(reader, offsets, &reason)) {
            if (db.commit()) {
                return true;
            }
            reason = reasonOf(db.lastError());
        }
        db.rollback();
        // Prepared again on the next batch: a statement first prepared in this transaction
        // may not have outlived it.
        m_writes.reset();
        closeIfBroken();
    }
    fail(what, reason, error);
    return false;
}

Ledger::Ledger(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{ }

Ledger::~Ledger() = default;

std::unique_ptr<Ledger> Ledger::open(const LedgerSettings &settings, QString *error)
{
    QString reason;
    const auto location = LedgerLocation::parse(settings.dsn, &reason);
    if (!location) {
        qCWarning(lcLedger).noquote() << "no ledger:" << reason;
        setError(error, reason);
        return nullptr;
    }
    auto impl = std::make_unique<Impl>(*location);
    if (!impl->connection.open(&reason) || !createLedgerTables(impl->connection, &reason)) {
        impl->fail(QStringLiteral("cannot open the ledger"), reason, error);
        return nullptr;
    }
    qCDebug(lcLedger).noquote() << "ledger open:" << location->describe();
    return std::unique_ptr<Ledger>(new Ledger(std::move(impl)));
}

QString Ledger::describe() const
{
    return m_impl->connection.location().describe();
}

bool Ledger::recordSales(const QString &reader, const QList<Sale> &sales,
    const QList<SourceOffset> &offsets, QString *error)
{
    return m_impl->writeBatch(
        reader,
        [&sales](
            LedgerWrites &writes, QString *reason) { return writes.writeSales(sales, reason); },
        offsets, error);
}

bool Ledger::recordPortions(const QString &reader, const QList<PortionsUsed> &lines,
    const QList<SourceOffset> &offsets, QString *error)
{
    // Stored under the topic's part in the shop, without the prefix: what totals() adds up.
    QList<PortionsUsed> byShopTopic = lines;
    for (PortionsUsed &line : byShopTopic) {
        if (line.topic.endsWith(QLatin1String(kOrderTopic))) {
            line.topic = QString::fromLatin1(kOrderTopic);
        } else if (line.topic.endsWith(QLatin1String(kCookTopic))) {
            line.topic = QString::fromLatin1(kCookTopic);
        } else {
            m_impl->fail(QStringLiteral("the %1's batch is not recorded").arg(reader),
                QStringLiteral("portions of order %1 come from \"%2\", not from %3 or %4")
                    .arg(line.order)
                    .arg(line.topic, QLatin1String(kOrderTopic), QLatin1String(kCookTopic)),
                error);
            return false;
        }
    }
    return m_impl->writeBatch(
        reader,
        [&byShopTopic](LedgerWrites &writes, QString *reason) {
            return writes.writePortions(byShopTopic, reason);
        },
        offsets, error);
}

std::optional<QList<SourceOffset>> Ledger::offsets(const QString &reader, QString *error)
{
    return m_impl->read<QList<SourceOffset>>(
        QStringLiteral("cannot read where the %1 got to").arg(reader),
        [&reader](QSqlDatabase &db, QString *reason) { return readOffsets(db, reader, reason); },
        error);
}

std::optional<LedgerTotals> Ledger::totals(QString *error)
{
    return m_impl->read<LedgerTotals>(
        QStringLiteral("cannot read the ledger's totals"),
        [](QSqlDatabase &db, QString *reason) { return readTotals(db, reason); }, error);
}

} // namespace chippy::ledger
