#pragma once

#include "shop/participants/station.h"

#include <QElapsedTimer>
#include <QList>

namespace chippy::shop {

// COOK: reads COOK, fries the order for the cook time and writes it to HOT-FOOD. The fryer
// holds a batch of orders at once (the menu's batch size for food cooked to order); the rest
// wait, and reading stops while too many wait. From model 6 an order says what to cook: plaice is
// fried for it, cod and chips go into the hot cabinet in whole batches; while the cabinet cannot
// be reached everything is fried for the order and travels with it.
class Cook : public Station
{
    Q_OBJECT

public:
    Cook(int index, std::shared_ptr<ShopContext> context);

protected:
    void handle(const kafka::Message &message) override;
    void afterBatch() override;
    void revoking(const QList<kafka::TopicPartition> &partitions, bool lost) override;
    void delivered(const Output &output, const kafka::Delivery &delivery) override;
    int pollTimeoutMs() const override;

private:
    // Orders waiting beyond this stop the reading until half of them are cooking.
    static constexpr int kMaxWaiting = 200;

    struct Frying
    {
        Output output;
        qint64 readyAtMs = 0;
    };

    // Sends what is cooked and refills the fryer; false when nothing changed.
    bool tendFryer();
    // Fills the cabinet or fries to order what an order from a model-6 preparer asks for, and
    // notes it on the order.
    void finishCooking(Output &output);
    void throttle();

    const int m_fryerSize;
    QElapsedTimer m_clock;
    QList<Output> m_waiting;
    QList<Frying> m_fryer;
    bool m_throttled = false;
};

} // namespace chippy::shop
