// Model 6 benchmark: the whole shop on the embedded broker with the hot cabinet in-process and
// in a redis-server of its own, flat out and at a steady rate. Prints orders served per second,
// latency, and the cabinet's portions (cooked = taken + wasted once the shop has closed).
//
//   bench_hotcabinet [--seconds S]
#include "broker_fixture.h"
#include "redis_server_process.h"
#include "shop/shop.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace chippy;
using namespace chippy::shop;

namespace {

constexpr int kDefaultSeconds = 10;
constexpr int kDrainLimitMs = 60000;
constexpr int kCheckMs = 50;
constexpr int kWarmUpMs = 3000;
constexpr double kSteadyRate = 300;

struct Case
{
    const char *name;
    bool redis;
    double rate; // 0: as fast as the shop can
};

constexpr Case kCases[] = {
    {"in-process flat out", false, 0},
    {"in-process at 300/s", false, kSteadyRate},
    {"Redis flat out", true, 0},
    {"Redis at 300/s", true, kSteadyRate},
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

QJsonObject portionsJson(const PortionTotals &portions)
{
    QJsonObject json;
    for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
        json.insert(it.key(), it.value());
    }
    return json;
}

QJsonObject run(const Case &c, int seconds)
{
    QTemporaryDir dir;
    test::RedisServerProcess redis(dir.path(), false);
    cabinet::CabinetSettings cabinet;
    if (c.redis) {
        QString error;
        if (!redis.start(&error)) {
            std::fprintf(stderr, "bench_hotcabinet: %s\n", qPrintable(error));
            std::exit(1);
        }
        cabinet.url = redis.url();
        cabinet.password = redis.password();
    }
    test::BrokerFixture broker;
    ShopConfig config;
    config.cluster.set("bootstrap.servers", broker.bootstrapStd().c_str());
    config.model = ShopConfig::kFirstModelWithCabinet;
    config.tills = 8;
    config.orderPartitions = 4;
    config.preparers = 4;
    config.cooks = 2;
    config.counters = 2;
    config.ordersPerSecond = c.rate;
    config.cookTimeMs = 0;
    config.plaiceShare = 0.1;
    config.cabinet = cabinet;
    Shop shop(config);
    if (const CommandResult opened = shop.start(); !opened.ok) {
        std::fprintf(stderr, "bench_hotcabinet: %s\n", qPrintable(opened.text));
        std::exit(1);
    }
    const auto drainEvents = [&] {
        shop.events().drain();
        return false;
    };
    spin(kWarmUpMs, drainEvents);
    shop.stats().restartLatency();
    const qint64 servedBefore = shop.stats().counts().served;
    QElapsedTimer clock;
    clock.start();
    spin(seconds * 1000, drainEvents);
    const double measuredS = clock.elapsed() / 1000.0;
    const qint64 served = shop.stats().counts().served - servedBefore;
    shop.stopTills();
    spin(kDrainLimitMs, [&] {
        shop.events().drain();
        return shop.stats().counts().outstanding() <= 0;
    });
    shop.stop();
    const ShopCounts counts = shop.stats().counts();
    const LatencySummary latency = shop.stats().latency();
    const CabinetTotals totals = shop.stats().cabinet().totals();
    std::printf("%-20s %10.0f %8.0f %8.0f %6lld %12lld %8lld %8lld %8lld %8lld\n", c.name,
        served / measuredS, latency.p50, latency.p95, static_cast<long long>(counts.outstanding()),
        static_cast<long long>(counts.servedTwice),
        static_cast<long long>(CabinetTotals::sum(totals.cooked)),
        static_cast<long long>(CabinetTotals::sum(totals.taken)),
        static_cast<long long>(CabinetTotals::sum(totals.wasted)),
        static_cast<long long>(counts.sentToCook));
    std::fflush(stdout);
    return QJsonObject {
        {QStringLiteral("case"), QString::fromLatin1(c.name)},
        {QStringLiteral("orders_per_s"), served / measuredS},
        {QStringLiteral("latency_ms"),
            QJsonObject {{QStringLiteral("p50"), latency.p50}, {QStringLiteral("p95"), latency.p95},
                {QStringLiteral("p99"), latency.p99}}},
        {QStringLiteral("lost"), counts.outstanding()},
        {QStringLiteral("served_twice"), counts.servedTwice},
        {QStringLiteral("sent_to_cook"), counts.sentToCook},
        {QStringLiteral("portions_cooked"), portionsJson(totals.cooked)},
        {QStringLiteral("portions_taken"), portionsJson(totals.taken)},
        {QStringLiteral("portions_wasted"), portionsJson(totals.wasted)},
    };
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
    });
    parser.process(app);
    const int seconds = std::max(1, parser.value(QStringLiteral("seconds")).toInt());
    std::printf("%-20s %10s %8s %8s %6s %12s %8s %8s %8s %8s\n", "case", "orders/s", "p50 ms",
        "p95 ms", "lost", "served twice", "cooked", "taken", "wasted", "to cook");
    QJsonArray results;
    for (const Case &c : kCases) {
        results.append(run(c, seconds));
    }
    std::printf("%s",
        QJsonDocument(QJsonObject {{QStringLiteral("seconds"), seconds},
                          {QStringLiteral("results"), results}})
            .toJson()
            .constData());
    return 0;
}
