// Cabinet benchmark: preparers taking cod and chips as fast as they can, on 1 and on 8 threads,
// from the in-process cabinet and from Redis (a redis-server of the benchmark's own on
// loopback, without persistence). Prints a table, in-process and Redis side by side, and JSON
// on one line.
//
//   bench_cabinet [--seconds S] [--json FILE]
#include "cabinet/cabinet.h"
#include "redis_server_process.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace chippy::cabinet;

namespace {

constexpr int kDefaultSeconds = 3;
constexpr int kThreadCounts[] = {1, 8};
// Enough that no take in the run finds a tray short: the figure is the cost of a take.
constexpr int kPortions = 2000000000;

const Portions kOrder {{QStringLiteral("cod"), 1}, {QStringLiteral("chips"), 1}};

struct Result
{
    double takesPerSecond = 0;
    long long takes = 0;
    long long failures = 0;
    QString error;
};

Result measure(Cabinet &cabinet, int threads, int seconds)
{
    Result result;
    QString error;
    cabinet.empty(&error);
    if (!cabinet.put(
            {{QStringLiteral("cod"), kPortions}, {QStringLiteral("chips"), kPortions}}, &error)) {
        result.error = error;
        return result;
    }
    std::atomic<bool> running = true;
    std::atomic<long long> takes = 0;
    std::atomic<long long> failures = 0;
    std::vector<std::thread> preparers;
    QElapsedTimer clock;
    clock.start();
    for (int t = 0; t < threads; ++t) {
        preparers.emplace_back([&] {
            long long mine = 0;
            long long failed = 0;
            QString why;
            while (running.load(std::memory_order_relaxed)) {
                const auto took = cabinet.take(kOrder, &why);
                if (took && took->taken) {
                    ++mine;
                } else {
                    ++failed;
                }
            }
            takes += mine;
            failures += failed;
        });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    running = false;
    for (auto &preparer : preparers) {
        preparer.join();
    }
    const double elapsed = clock.elapsed() / 1000.0;
    result.takes = takes;
    result.failures = failures;
    result.takesPerSecond = result.takes / elapsed;
    cabinet.empty(&error);
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("seconds"), QStringLiteral("How long preparers take in each case."),
            QStringLiteral("s"), QString::number(kDefaultSeconds)},
        {QStringLiteral("json"), QStringLiteral("Also write the results to this file."),
            QStringLiteral("file")},
    });
    parser.process(app);
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt());

    QTemporaryDir dataDir;
    chippy::test::RedisServerProcess server(dataDir.path(), false);
    QString error;
    if (!dataDir.isValid() || !server.start(&error)) {
        std::fprintf(stderr, "bench_cabinet: %s\n", qPrintable(error));
        return 1;
    }
    CabinetSettings redisSettings;
    redisSettings.url = server.url();
    redisSettings.password = server.password();
    redisSettings.key = QStringLiteral("chippy:bench:cabinet");
    const auto inProcess = openCabinet({}, &error);
    const auto redis = openCabinet(redisSettings, &error);
    if (!redis) {
        std::fprintf(stderr, "bench_cabinet: %s\n", qPrintable(error));
        return 1;
    }

    QJsonArray results;
    std::printf(
        "%-8s %20s %16s %14s\n", "threads", "in-process takes/s", "Redis takes/s", "Redis us/take");
    for (const int threads : kThreadCounts) {
        const Result local = measure(*inProcess, threads, seconds);
        const Result remote = measure(*redis, threads, seconds);
        for (const Result *r : {&local, &remote}) {
            if (!r->error.isEmpty() || r->failures > 0) {
                std::fprintf(stderr, "bench_cabinet: %lld takes failed %s\n", r->failures,
                    qPrintable(r->error));
                return 1;
            }
        }
        const double redisMicros
            = remote.takesPerSecond > 0 ? 1e6 * threads / remote.takesPerSecond : 0;
        std::printf("%-8d %20.0f %16.0f %14.1f\n", threads, local.takesPerSecond,
            remote.takesPerSecond, redisMicros);
        std::fflush(stdout);
        results.append(QJsonObject {
            {QStringLiteral("threads"), threads},
            {QStringLiteral("in_process_takes_per_s"), local.takesPerSecond},
            {QStringLiteral("redis_takes_per_s"), remote.takesPerSecond},
            {QStringLiteral("redis_us_per_take"), redisMicros},
        });
    }
    const QByteArray json = QJsonDocument(
        QJsonObject {{QStringLiteral("benchmark"), QStringLiteral("cabinet")},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("results"),
                results}}).toJson(QJsonDocument::Compact);
    std::printf("%s\n", json.constData());
    if (parser.isSet(QStringLiteral("json"))) {
        QFile file(parser.value(QStringLiteral("json")));
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size()) {
            std::fprintf(stderr, "bench_cabinet: cannot write %s\n",
                qPrintable(parser.value(QStringLiteral("json"))));
            return 1;
        }
    }
    return 0;
}
