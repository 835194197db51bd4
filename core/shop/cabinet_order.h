#pragma once

#include "cabinet/cabinet.h"
#include "shop/menu.h"
#include "shop/order.h"

namespace chippy::shop {

// What an order needs from the hot cabinet and from the cook, and the notes it carries between
// the preparer and the cook in its extra fields (from model 6):
//   "cook":     {"plaice": 1, "cod": 2}  what the cook is to fry or put into the cabinet
//   "to_order": true                     the cabinet could not be reached: fry it all to order
//   "taken":    {"cod": 1, "chips": 2}   the preparer holds the order's cabinet portions
//   "fried":    {"cod": 1, "chips": 2}   the cook fried these for this order alone
namespace cabinet_order {

// Portions of items kept in the cabinet (not cooked to order): {"cod": 1, "chips": 2}.
cabinet::Portions fromCabinet(const Order &order, const Menu &menu);
// Portions of items fried for each order (plaice).
cabinet::Portions friedEachTime(const Order &order, const Menu &menu);
// The menu's batch size of every item kept in the cabinet.
cabinet::Portions batchSizes(const Menu &menu);

cabinet::Portions cookNeeds(const Order &order);
bool toOrder(const Order &order);
// Asks the cook for needs; toOrder when the cabinet could not be reached.
void askCook(Order &order, const cabinet::Portions &needs, bool toOrder);

bool hasTaken(const Order &order);
void noteTaken(Order &order, const cabinet::Portions &taken);

bool hasFried(const Order &order);
void noteFried(Order &order, const cabinet::Portions &fried);

// Portions of a and b added item by item.
cabinet::Portions plus(cabinet::Portions a, const cabinet::Portions &b);

} // namespace cabinet_order

} // namespace chippy::shop
