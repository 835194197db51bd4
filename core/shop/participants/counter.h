#pragma once

#include "shop/participants/group_member.h"

namespace chippy::shop {

// COUNTER: reads READY and hands the food to the customer. Each order is handed over once:
// a redelivered order is recognised by its number at the shared serving hatch and dropped.
class Counter : public GroupMember
{
    Q_OBJECT

public:
    Counter(int index, std::shared_ptr<ShopContext> context);

protected:
    void handle(const kafka::Message &message) override;
};

} // namespace chippy::shop
