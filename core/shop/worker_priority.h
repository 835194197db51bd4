#pragma once

class QThread;

namespace chippy::shop {

// Lets the thread run its participant, and the Kafka client threads it starts, below the
// threads of the window and the broker: flat out, a shop has more busy workers than the machine
// has cores, and a window that waits its turn behind them stalls for tens of milliseconds.
// Call before the thread starts.
void runBelowTheWindow(QThread *thread);

} // namespace chippy::shop
