#pragma once

#include "broker_snapshot.h"

namespace chippy::broker {

class GroupCoordinator;
class TopicRegistry;

// Copies every group, with decoded assignments and the lag of its committed offsets.
void addGroupsToSnapshot(
    const GroupCoordinator &groups, TopicRegistry &topics, BrokerSnapshot &snapshot);

} // namespace chippy::broker
