#pragma once

#include "ledger/ledger.h"
#include "shop/participants/back_office_reader.h"

namespace chippy::shop {

// A back-office reader that keeps its books in the SQL ledger: its lines and the offsets they
// were read up to go in one transaction, and it starts from the offsets the ledger holds, so
// it counts every order exactly once however often it is stopped or killed.
class LedgerReader : public BackOfficeReader
{
    Q_OBJECT

public:
    LedgerReader(
        const QString &name, const QStringList &topics, std::shared_ptr<ShopContext> context);

protected:
    bool openStore(QString *error) final;
    void closeStore() final;
    QString storeName() const final;

    ledger::Ledger &ledger() { return *m_ledger; }

private:
    std::unique_ptr<ledger::Ledger> m_ledger;
};

// ACCOUNTANT: reads ORDER and books what each order costs.
class Accountant : public LedgerReader
{
    Q_OBJECT

public:
    explicit Accountant(std::shared_ptr<ShopContext> context);

protected:
    void collect(const kafka::Message &message) override;
    bool store(const QList<kafka::TopicPartitionOffset> &next, QString *error) override;
    void dropBatch() override { m_sales.clear(); }

private:
    QList<ledger::Sale> m_sales;
};

// STOCKIST: reads ORDER and COOK and books the portions each order used and sent to be cooked.
class Stockist : public LedgerReader
{
    Q_OBJECT

public:
    explicit Stockist(std::shared_ptr<ShopContext> context);

protected:
    void collect(const kafka::Message &message) override;
    bool store(const QList<kafka::TopicPartitionOffset> &next, QString *error) override;
    void dropBatch() override { m_lines.clear(); }

private:
    QList<ledger::PortionsUsed> m_lines;
};

} // namespace chippy::shop
