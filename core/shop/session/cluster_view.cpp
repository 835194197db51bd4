#include "shop/session/cluster_view.h"

#include <algorithm>

namespace chippy::shop {

const ClusterView::Topic *ClusterView::topic(const QString &name) const
{
    for (const Topic &t : topics) {
        if (t.name == name) {
            return &t;
        }
    }
    return nullptr;
}

const ClusterView::Group *ClusterView::group(const QString &groupId) const
{
    for (const Group &g : groups) {
        if (g.groupId == groupId) {
            return &g;
        }
    }
    return nullptr;
}

void ClusterView::computeLag()
{
    for (Group &g : groups) {
        for (Committed &c : g.committed) {
            const Topic *t = topic(c.topic);
            if (!t || c.partition < 0 || c.partition >= t->partitions.size()) {
                c.lag = 0;
                continue;
            }
            const Partition &p = t->partitions.at(c.partition);
            c.lag = std::max<qint64>(0, p.logEnd - std::max(c.offset, p.logStart));
        }
    }
}

} // namespace chippy::shop
