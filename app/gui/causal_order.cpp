#include "causal_order.h"

#include <QHash>

#include <algorithm>
#include <tuple>

namespace chippy::gui {

namespace {

using Kind = shop::ShopEvent::Kind;

bool reads(Kind kind)
{
    return kind == Kind::OrderTaken || kind == Kind::OrderServed;
}

// Breaks ties between hops stamped in the same millisecond.
int stage(Kind kind)
{
    switch (kind) {
    case Kind::OrderPlaced:
        return 0;
    case Kind::OrderTaken:
        return 1;
    case Kind::SentToCook:
        return 2;
    case Kind::Cooked:
        return 3;
    case Kind::OrderReady:
    case Kind::DeadLettered:
        return 4;
    case Kind::OrderServed:
        return 5;
    default:
        return 6;
    }
}

QString recordOf(const OrderIndex::Hop &hop)
{
    return QStringLiteral("%1/%2@%3").arg(hop.topic).arg(hop.partition).arg(hop.offset);
}

} // namespace

QList<OrderIndex::Hop> inCausalOrder(const QList<OrderIndex::Hop> &hops)
{
    const int n = static_cast<int>(hops.size());
    std::vector<std::vector<int>> after(n);
    std::vector<int> waitingFor(n, 0);
    const auto mustPrecede = [&](int first, int second) {
        after[first].push_back(second);
        ++waitingFor[second];
    };

    QHash<QString, int> lastOf; // participant: its latest hop so far
    QHash<QString, int> written; // record: the hop that wrote it
    for (int i = 0; i < n; ++i) {
        const OrderIndex::Hop &hop = hops.at(i);
        const auto previous = lastOf.constFind(hop.participant);
        if (previous != lastOf.cend()) {
            mustPrecede(*previous, i);
        }
        lastOf.insert(hop.participant, i);
        if (!reads(hop.kind) && !hop.topic.isEmpty()) {
            written.insert(recordOf(hop), i);
        }
    }
    for (int i = 0; i < n; ++i) {
        if (!reads(hops.at(i).kind)) {
            continue;
        }
        const auto writer = written.constFind(recordOf(hops.at(i)));
        if (writer != written.cend()) {
            mustPrecede(*writer, i);
        }
    }

    const auto earlier = [&hops](int a, int b) {
        return std::tuple(hops.at(a).timeMs, stage(hops.at(a).kind), a)
            < std::tuple(hops.at(b).timeMs, stage(hops.at(b).kind), b);
    };
    std::vector<int> free;
    for (int i = 0; i < n; ++i) {
        if (waitingFor[i] == 0) {
            free.push_back(i);
        }
    }
    QList<OrderIndex::Hop> ordered;
    std::vector<bool> placed(n, false);
    while (!free.empty()) {
        const auto next = std::min_element(free.begin(), free.end(), earlier);
        const int hop = *next;
        free.erase(next);
        ordered.append(hops.at(hop));
        placed[hop] = true;
        for (int later : after[hop]) {
            if (--waitingFor[later] == 0) {
                free.push_back(later);
            }
        }
    }
    // Reports that contradict each other (a clock stepped back) keep their time order.
    std::vector<int> rest;
    for (int i = 0; i < n; ++i) {
        if (!placed[i]) {
            rest.push_back(i);
        }
    }
    std::sort(rest.begin(), rest.end(), earlier);
    for (int i : rest) {
        ordered.append(hops.at(i));
    }
    return ordered;
}

} // namespace chippy::gui
