#pragma once

#include "group_member.h"

namespace chippy::gui {

// A reader that joins late, in a group of its own, and starts where it is told: at the start
// of the log, at its end, at an offset or at a time. It reads ORDER and keeps count, to show
// that Kafka keeps records for whoever comes later.
class LateConsumer : public shop::GroupMember
{
    Q_OBJECT

public:
    LateConsumer(
        int index, const kafka::StartPosition &start, std::shared_ptr<shop::ShopContext> context);

    // "late-2": each late reader has a group of the same name.
    static QString nameFor(int index);

protected:
    void handle(const kafka::Message &message) override;
};

} // namespace chippy::gui
