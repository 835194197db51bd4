#pragma once

#include "broker_snapshot.h"

namespace chippy::broker {

class BrokerState;

// Copies the state for viewers; runs on the broker thread.
BrokerSnapshot buildSnapshot(BrokerState &state);

} // namespace chippy::broker
