#pragma once

#include "shop/events/shop_event.h"
#include "shop/session/cluster_view.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QVariantList>

namespace chippy::gui {

// Where each reader that joined late (a late consumer, the accountant, the statistician, the
// stockist) has got to in one topic's partitions while it replays the log: from the offset it
// began at to the one it reads next. A reader says where it begins; how far it got comes from
// its own reads and from the offsets its group commits. A reader is let go a few seconds after
// it caught up with the log as it was when it began, so that only a replay is drawn.
class ReplayMarks
{
public:
    static constexpr qint64 kLingerMs = 4000;

    ReplayMarks(QString topic, QString mainGroup);

    // Both return the partitions whose marks changed.
    QSet<int> applyEvents(const QVector<shop::ShopEvent> &events);
    QSet<int> applyView(const shop::ClusterView &view);
    // The marks of one partition, ordered by name: maps of name, from and at.
    QVariantList of(int partition) const;
    void clear();

private:
    struct Mark
    {
        QString group;
        QString name;
        qint64 from = 0;
        qint64 at = 0;
        qint64 replayTo = 0; // the log end when it began: past it, the replay is over
        qint64 caughtUpMs = 0; // when it was first seen past replayTo; 0 while replaying
    };

    Mark *find(int partition, const QString &group);

    const QString m_topic;
    const QString m_mainGroup;
    QHash<int, QList<Mark>> m_marks;
    QHash<int, qint64> m_logEnds; // as the cluster last said
};

} // namespace chippy::gui
