#include "replay_marks.h"

#include <QVariantMap>

#include <algorithm>

namespace chippy::gui {

ReplayMarks::ReplayMarks(QString topic, QString mainGroup)
    : m_topic(std::move(topic))
    , m_mainGroup(std::move(mainGroup))
{ }

QSet<int> ReplayMarks::applyEvents(const QVector<shop::ShopEvent> &events)
{
    using K = shop::ShopEvent::Kind;
    QSet<int> changed;
    for (const shop::ShopEvent &e : events) {
        if (e.topic != m_topic || e.partition < 0 || e.offset < 0 || e.group.isEmpty()
            || e.group == m_mainGroup) {
            continue;
        }
        if (e.kind == K::Replaying) {
            Mark *mark = find(e.partition, e.group);
            if (!mark) {
                QList<Mark> &marks = m_marks[e.partition];
                marks.append(Mark {e.group, e.participant, e.offset, e.offset,
                    std::max(e.offset, m_logEnds.value(e.partition))});
                std::sort(marks.begin(), marks.end(),
                    [](const Mark &a, const Mark &b) { return a.name < b.name; });
            } else {
                // Read again after a rebalance: the replay still began where it first did.
                mark->from = std::min(mark->from, e.offset);
                mark->at = std::max(mark->at, e.offset);
            }
            changed.insert(e.partition);
        } else if (e.kind == K::OrderTaken) {
            Mark *mark = find(e.partition, e.group);
            if (mark && e.offset + 1 > mark->at) {
                mark->at = e.offset + 1;
                changed.insert(e.partition);
            }
        }
    }
    return changed;
}

QSet<int> ReplayMarks::applyView(const shop::ClusterView &view)
{
    QSet<int> changed;
    const shop::ClusterView::Topic *topic = view.topic(m_topic);
    if (!topic) {
        return changed;
    }
    for (const shop::ClusterView::Partition &p : topic->partitions) {
        m_logEnds.insert(p.index, p.logEnd);
        auto found = m_marks.find(p.index);
        if (found == m_marks.end()) {
            continue;
        }
        QList<Mark> &marks = found.value();
        for (qsizetype i = marks.size() - 1; i >= 0; --i) {
            Mark &mark = marks[i];
            if (const shop::ClusterView::Group *g = view.group(mark.group)) {
                for (const shop::ClusterView::Committed &c : g->committed) {
                    if (c.topic == m_topic && c.partition == p.index && c.offset > mark.at) {
                        mark.at = c.offset;
                        changed.insert(p.index);
                    }
                }
            }
            if (mark.at < mark.replayTo) {
                continue;
            }
            if (mark.caughtUpMs == 0) {
                mark.caughtUpMs = view.takenMs;
            } else if (view.takenMs - mark.caughtUpMs >= kLingerMs) {
                marks.removeAt(i);
                changed.insert(p.index);
            }
        }
    }
    return changed;
}

QVariantList ReplayMarks::of(int partition) const
{
    QVariantList list;
    for (const Mark &mark : m_marks.value(partition)) {
        list.append(QVariantMap {{QStringLiteral("name"), mark.name},
            {QStringLiteral("from"), mark.from}, {QStringLiteral("at"), mark.at}});
    }
    return list;
}

void ReplayMarks::clear()
{
    m_marks.clear();
    m_logEnds.clear();
}

ReplayMarks::Mark *ReplayMarks::find(int partition, const QString &group)
{
    auto found = m_marks.find(partition);
    if (found == m_marks.end()) {
        return nullptr;
    }
    for (Mark &mark : found.value()) {
        if (mark.group == group) {
            return &mark;
        }
    }
    return nullptr;
}

} // namespace chippy::gui
