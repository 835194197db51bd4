#pragma once

#include "shop/order.h"
#include "shop/participants/station.h"

namespace chippy::shop {

// FOOD-PREPARER: reads ORDER (and HOT-FOOD once there is a cook). An order that can be made
// up at once goes to READY; one with food cooked to order goes to COOK first and comes back
// on HOT-FOOD. From model 6 the cod and chips come out of the hot cabinet, all of an order's in
// one atomic take; when the cabinet is short the cook tops it up and the order comes back to be
// taken again. An unreadable order goes to ORDER-DLQ and the preparer carries on.
class FoodPreparer : public Station
{
    Q_OBJECT

public:
    FoodPreparer(int index, std::shared_ptr<ShopContext> context);

    // What a preparer reads in a model: HOT-FOOD only once there is a cook.
    static QStringList topicsFor(const ShopConfig &config, int model);

protected:
    void handle(const kafka::Message &message) override;
    void delivered(const Output &output, const kafka::Delivery &delivery) override;

private:
    void prepareFromCabinet(const kafka::Message &message, Order order, bool fromCook);
    void sendOn(const kafka::Message &message, const Order &order, OutputKind kind,
        const QByteArray &value);
};

} // namespace chippy::shop
