#pragma once

#include "order_index.h"

namespace chippy::gui {

// An order's hops in the order they happened, not the order their reports arrived: a till
// reports "placed" when the broker acknowledges the record, which can be after a preparer has
// already taken it. A record is written before it is read, and each participant's own hops
// come in the order it made them; among hops free to go next, the earlier one goes first.
QList<OrderIndex::Hop> inCausalOrder(const QList<OrderIndex::Hop> &hops);

} // namespace chippy::gui
