#pragma once

#include "analytics/analytics_store.h"
#include "shop/participants/back_office_reader.h"

namespace chippy::shop {

// STATISTICIAN: reads ORDER, COOK, HOT-FOOD and READY from the start and writes one document
// per record into the analytics store that the charts query. Documents are named by where
// their record is in the log, so reading again never counts twice.
class Statistician : public BackOfficeReader
{
    Q_OBJECT

public:
    explicit Statistician(std::shared_ptr<ShopContext> context);

    // The document a record becomes; nothing for a record that is not an order.
    static std::optional<analytics::EventDocument> documentFor(
        const kafka::Message &message, const ShopConfig &config);

protected:
    bool openStore(QString *error) override;
    void closeStore() override;
    void collect(const kafka::Message &message) override;
    bool store(const QList<kafka::TopicPartitionOffset> &next, QString *error) override;
    void dropBatch() override { m_batch.clear(); }
    QString storeName() const override;

private:
    static constexpr int kStoreRetryBudgetMs = 2000;

    std::unique_ptr<analytics::AnalyticsStore> m_store;
    QList<analytics::EventDocument> m_batch;
    bool m_prepared = false;
};

} // namespace chippy::shop
