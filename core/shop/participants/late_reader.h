#pragma once

#include "shop/participants/group_member.h"

#include <QSet>

namespace chippy::shop {

// A reader that joins late, in a group of its own, and starts where it is told: at the start
// of the log, at its end, at an offset or at a time. It reads ORDER and keeps count, to show
// that Kafka keeps records for whoever comes later.
class LateReader : public GroupMember
{
    Q_OBJECT

public:
    LateReader(int index, const kafka::StartPosition &start, std::shared_ptr<ShopContext> context);

    // "late-2": each late reader has a group of the same name.
    static QString nameFor(int index);

protected:
    void handle(const kafka::Message &message) override;

private:
    // Says so when a partition's first record is not the offset it was asked to start at:
    // retention removed it, or the log does not reach it yet.
    void checkStart(const kafka::Message &first);

    const kafka::StartPosition m_asked;
    QSet<int> m_begun; // partitions whose first record was read
};

} // namespace chippy::shop
