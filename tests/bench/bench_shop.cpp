// Shop benchmark: the whole shop (tills, preparers, cooks, counters, each a librdkafka client
// on its own thread) on the embedded broker, flat out and at a steady rate. Prints a table
// and JSON. Each case warms up for a few seconds first; rates and latencies are measured after.
//
//   bench_shop [--seconds S] [--json FILE]
#include "embedded_cluster.h"
#include "shop/shop.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace chippy::shop;

namespace {

constexpr int kDefaultSeconds = 10;
constexpr int kDrainLimitMs = 60000;
constexpr int kCheckMs = 50;
constexpr double kSteadyRate = 500;
constexpr double kTalkRate = 100;
// Latencies from the first seconds measure connecting and joining, not serving.
constexpr int kWarmUpMs = 3000;

struct Case
{
    const char *name;
    int model;
    int tills;
    int partitions;
    int preparers;
    int cooks;
    int counters;
    double rate; // 0: as fast as the shop can
};

constexpr Case kCases[] = {
    {"model-3 flat out", 3, 8, 4, 4, 0, 2, 0},
    {"model-4 flat out", 4, 8, 4, 4, 2, 2, 0},
    {"model-3 at 100/s", 3, 4, 2, 2, 0, 2, kTalkRate},
    {"model-4 at 500/s", 4, 4, 4, 3, 2, 2, kSteadyRate},
};

struct Result
{
    QString name;
    ShopCounts counts;
    LatencySummary latency;
    double seconds = 0;
    bool drained = false;
    qint64 servedMeasured = 0; // after the warm-up
};

void spin(int ms, const std::function<bool()> &until = {})
{
    const QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired() && !(until && until())) {
        QEventLoop loop;
        QTimer::singleShot(kCheckMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

Result run(const Case &c, int seconds)
{
    chippy::app::EmbeddedCluster cluster;
    QString error;
    if (!cluster.start(&error)) {
        std::fprintf(stderr, "bench_shop: %s\n", qPrintable(error));
        std::exit(1);
    }
    ShopConfig config;
    config.cluster.set("bootstrap.servers", cluster.bootstrapServers().toUtf8());
    config.model = c.model;
    config.tills = c.tills;
    config.orderPartitions = c.partitions;
    config.readyPartitions = c.counters;
    config.cookPartitions = std::max(1, c.cooks);
    config.preparers = c.preparers;
    config.cooks = c.cooks;
    config.counters = c.counters;
    config.ordersPerSecond = c.rate;
    config.cookTimeMs = 0;
    config.plaiceShare = 0.1;
    Shop shop(config);
    const CommandResult opened = shop.start();
    if (!opened.ok) {
        std::fprintf(stderr, "bench_shop: %s\n", qPrintable(opened.text));
        std::exit(1);
    }
    spin(kWarmUpMs, [&] {
        shop.events().drain();
        return false;
    });
    shop.stats().restartLatency();
    const qint64 servedBefore = shop.stats().counts().served;
    QElapsedTimer clock;
    clock.start();
    spin(seconds * 1000, [&] {
        shop.events().drain();
        return false;
    });
    shop.stopTills();
    Result r;
    r.name = QString::fromLatin1(c.name);
    spin(kDrainLimitMs, [&] {
        shop.events().drain();
        r.drained = shop.stats().counts().outstanding() <= 0;
        return r.drained;
    });
    r.seconds = clock.elapsed() / 1000.0;
    r.counts = shop.stats().counts();
    r.servedMeasured = r.counts.served - servedBefore;
    r.latency = shop.stats().latency();
    shop.stop();
    return r;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({
        {QStringLiteral("seconds"), QStringLiteral("How long customers arrive in each case."),
            QStringLiteral("s"), QString::number(kDefaultSeconds)},
        {QStringLiteral("json"), QStringLiteral("Also write the results to this file."),
            QStringLiteral("file")},
    });
    parser.process(app);
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt());

    QJsonArray results;
    std::printf("%-18s %10s %10s %8s %8s %8s %6s %12s\n", "case", "served", "orders/s", "p50 ms",
        "p95 ms", "p99 ms", "lost", "served twice");
    for (const Case &c : kCases) {
        const Result r = run(c, seconds);
        const double perSecond = r.seconds > 0 ? r.servedMeasured / r.seconds : 0;
        const qint64 lost = r.counts.outstanding();
        std::printf("%-18s %10lld %10.0f %8.0f %8.0f %8.0f %6lld %12lld\n", c.name,
            static_cast<long long>(r.counts.served), perSecond, r.latency.p50, r.latency.p95,
            r.latency.p99, static_cast<long long>(lost),
            static_cast<long long>(r.counts.servedTwice));
        std::fflush(stdout);
        results.append(QJsonObject {
            {QStringLiteral("case"), r.name},
            {QStringLiteral("placed"), r.counts.placed},
            {QStringLiteral("served"), r.counts.served},
            {QStringLiteral("orders_per_s"), perSecond},
            {QStringLiteral("latency_ms"),
                QJsonObject {{QStringLiteral("p50"), r.latency.p50},
                    {QStringLiteral("p95"), r.latency.p95}, {QStringLiteral("p99"), r.latency.p99},
                    {QStringLiteral("max"), r.latency.max}}},
            {QStringLiteral("lost"), lost},
            {QStringLiteral("served_twice"), r.counts.servedTwice},
            {QStringLiteral("drained"), r.drained},
        });
    }
    const QByteArray json = QJsonDocument(
        QJsonObject {{QStringLiteral("seconds"), seconds},
            {QStringLiteral("results"),
                results}}).toJson();
    std::printf("%s", json.constData());
    if (parser.isSet(QStringLiteral("json"))) {
        QFile file(parser.value(QStringLiteral("json")));
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size()) {
            std::fprintf(stderr, "bench_shop: cannot write %s\n",
                qPrintable(parser.value(QStringLiteral("json"))));
            return 1;
        }
    }
    return 0;
}
