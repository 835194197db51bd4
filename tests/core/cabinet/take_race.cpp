#include "take_race.h"

#include <QMutex>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

using namespace chippy::cabinet;

namespace {

// What preparers ask for: orders of one or two items, some more than a tray holds at times.
const std::vector<Portions> &orders()
{
    static const std::vector<Portions> list {
        {{QStringLiteral("cod"), 1}, {QStringLiteral("chips"), 1}},
        {{QStringLiteral("chips"), 2}},
        {{QStringLiteral("plaice"), 1}, {QStringLiteral("chips"), 1}},
        {{QStringLiteral("cod"), 2}},
    };
    return list;
}

// Small trays, so that preparers often find one short.
const Portions kAtLeast {
    {QStringLiteral("cod"), 3}, {QStringLiteral("chips"), 4}, {QStringLiteral("plaice"), 2}};
const Portions kBatch {
    {QStringLiteral("cod"), 4}, {QStringLiteral("chips"), 6}, {QStringLiteral("plaice"), 3}};

void addTo(Portions &sum, const Portions &more)
{
    for (auto it = more.cbegin(); it != more.cend(); ++it) {
        sum[it.key()] += it.value();
    }
}

} // namespace

TakeRaceResult runTakeRace(Cabinet &cabinet, int threads, int totalTakes)
{
    TakeRaceResult result;
    QMutex resultMutex;
    const auto problem = [&](const QString &what) {
        const QMutexLocker lock(&resultMutex);
        if (result.problems.size() < 10) {
            result.problems << what;
        }
    };

    std::atomic<bool> preparing = true;
    std::thread cook([&] {
        QString error;
        while (preparing) {
            const auto added = cabinet.topUp(kAtLeast, kBatch, &error);
            if (!added) {
                problem(error);
                continue;
            }
            addTo(result.put, *added);
            const auto contents = cabinet.contents(&error);
            if (!contents) {
                problem(error);
                continue;
            }
            for (const int count : *contents) {
                result.lowestCountSeen = std::min(result.lowestCountSeen, count);
            }
        }
    });

    std::vector<std::thread> preparers;
    for (int t = 0; t < threads; ++t) {
        preparers.emplace_back([&, t] {
            Portions taken;
            long long takes = 0;
            long long misses = 0;
            QString error;
            for (int i = t; i < totalTakes; i += threads) {
                const auto &order = orders()[static_cast<size_t>(i) % orders().size()];
                const auto took = cabinet.take(order, &error);
                if (!took) {
                    problem(error);
                    continue;
                }
                if (took->taken) {
                    ++takes;
                    addTo(taken, order);
                    continue;
                }
                ++misses;
                for (auto it = took->missing.cbegin(); it != took->missing.cend(); ++it) {
                    if (it.value() <= 0 || it.value() > order.value(it.key())) {
                        problem(QStringLiteral("a miss of %1 %2 for an order of %3")
                                    .arg(it.value())
                                    .arg(it.key())
                                    .arg(order.value(it.key())));
                    }
                }
            }
            const QMutexLocker lock(&resultMutex);
            addTo(result.taken, taken);
            result.takes += takes;
            result.misses += misses;
        });
    }
    for (auto &preparer : preparers) {
        preparer.join();
    }
    preparing = false;
    cook.join();

    QString error;
    const auto left = cabinet.contents(&error);
    if (!left) {
        problem(error);
    } else {
        result.left = *left;
    }
    return result;
}
