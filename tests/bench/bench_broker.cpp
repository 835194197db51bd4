// Broker benchmark: the same librdkafka producer and consumer against chippy-broker and against
// librdkafka's mock cluster, side by side in one run. Prints a table and JSON.
//
//   bench_broker [--records N] [--size BYTES] [--latency-seconds S] [--rounds N] [--json FILE]
//                [--broker PATH]
//
// With several rounds the two targets take turns and each figure is the median of its rounds,
// which steadies the comparison on a busy machine.
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char *kTopic = "bench";
constexpr int kLatencyRatePerSecond = 1000;
constexpr auto kStallLimit = std::chrono::seconds(10);

struct Options
{
    long records = 1'000'000;
    int size = 100;
    int latencySeconds = 5;
    int rounds = 1;
    std::string json;
    std::string brokerPath;
};

struct Result
{
    std::string target;
    double produceMsgPerSec = 0;
    double produceMBPerSec = 0;
    double consumeMsgPerSec = 0;
    double consumeMBPerSec = 0;
    long consumed = 0;
    double latencyP50Ms = 0;
    double latencyP99Ms = 0;
    // CPU time the broker itself spent while the records were produced.
    double produceBrokerCpuMs = 0;
    long peakRssKb = -1;
};

using CpuProbe = std::function<long long()>; // nanoseconds on CPU so far

[[noreturn]] void fail(const std::string &what)
{
    std::fprintf(stderr, "bench_broker: %s\n", what.c_str());
    std::exit(1);
}

void set(rd_kafka_conf_t *conf, const char *key, const std::string &value)
{
    char err[256];
    if (rd_kafka_conf_set(conf, key, value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
        fail(std::string(key) + ": " + err);
    }
}

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

// Nanoseconds on a CPU of the threads in taskDir (/proc/<pid>/task) whose name starts with
// prefix: the first field of each thread's schedstat.
long long threadsCpuNs(const std::filesystem::path &taskDir, const std::string &prefix = "")
{
    long long total = 0;
    std::error_code ec;
    for (const auto &task : std::filesystem::directory_iterator(taskDir, ec)) {
        std::string comm;
        std::getline(std::ifstream(task.path() / "comm"), comm);
        long long ns = 0;
        if (comm.rfind(prefix, 0) == 0 && std::ifstream(task.path() / "schedstat") >> ns) {
            total += ns;
        }
    }
    return total;
}

// The mock cluster runs on threads of this process named "rdk:mock".
long long mockThreadsCpuNs()
{
    return threadsCpuNs("/proc/self/task", "rdk:mock");
}

// --- a chippy-broker child process ------------------------------------------------------

struct ChildBroker
{
    pid_t pid = -1;
    std::string bootstrap;

    explicit ChildBroker(const std::string &path)
    {
        int fds[2];
        if (pipe(fds) != 0) {
            fail("pipe failed");
        }
        pid = fork();
        if (pid == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            execl(path.c_str(), path.c_str(), "--listen", "127.0.0.1:0", "--in-memory",
                "--log-level", "warn", static_cast<char *>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        std::string line;
        char c;
        while (read(fds[0], &c, 1) == 1 && c != '\n') {
            line += c;
        }
        close(fds[0]);
        const std::string prefix = "listening on ";
        if (line.rfind(prefix, 0) != 0) {
            fail("chippy-broker did not start (" + path + ")");
        }
        bootstrap = line.substr(prefix.size());
    }

    long long cpuNs() const { return threadsCpuNs("/proc/" + std::to_string(pid) + "/task"); }

    long peakRssKb() const
    {
        std::ifstream status("/proc/" + std::to_string(pid) + "/status");
        std::string key;
        while (status >> key) {
            if (key == "VmHWM:") {
                long kb = 0;
                status >> kb;
                return kb;
            }
        }
        return -1;
    }

    ~ChildBroker()
    {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
};

// --- the measurements -------------------------------------------------------------------

struct DeliveryCounter
{
    std::atomic<long> delivered {0};
    std::atomic<long> failed {0};
    std::vector<double> *latenciesMs = nullptr;
};

void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
{
    auto *counter = static_cast<DeliveryCounter *>(opaque);
    if (m->err) {
        counter->failed++;
        return;
    }
    counter->delivered++;
    if (counter->latenciesMs && m->_private) {
        const auto sent = *static_cast<Clock::time_point *>(m->_private);
        counter->latenciesMs->push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - sent).count());
        delete static_cast<Clock::time_point *>(m->_private);
    }
}

rd_kafka_t *makeProducer(const std::string &bootstrap, DeliveryCounter &counter, bool lowLatency)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", bootstrap);
    set(conf, "acks", "all");
    set(conf, "linger.ms", lowLatency ? "0" : "5");
    set(conf, "queue.buffering.max.messages", "1000000");
    rd_kafka_conf_set_dr_msg_cb(conf, onDelivery);
    rd_kafka_conf_set_opaque(conf, &counter);
    char err[256];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!rk) {
        fail(err);
    }
    return rk;
}

void produceAll(const std::string &bootstrap, const Options &o, Result &r)
{
    DeliveryCounter counter;
    rd_kafka_t *rk = makeProducer(bootstrap, counter, false);
    const std::string payload(static_cast<std::size_t>(o.size), 'x');
    const auto start = Clock::now();
    for (long i = 0; i < o.records; ++i) {
        while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(kTopic), RD_KAFKA_V_PARTITION(0),
                   RD_KAFKA_V_VALUE(const_cast<char *>(payload.data()), payload.size()),
                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)
            == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(rk, 10);
        }
        rd_kafka_poll(rk, 0);
    }
    rd_kafka_flush(rk, 120000);
    const double s = seconds(Clock::now() - start);
    if (counter.delivered != o.records) {
        fail(r.target + ": delivered " + std::to_string(counter.delivered.load()) + " of "
            + std::to_string(o.records));
    }
    r.produceMsgPerSec = o.records / s;
    r.produceMBPerSec = o.records * double(o.size) / s / 1e6;
    rd_kafka_destroy(rk);
}

void consumeAll(const std::string &bootstrap, const Options &o, Result &r)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", bootstrap);
    set(conf, "group.id", "bench");
    set(conf, "enable.auto.commit", "false");
    char err[256];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!rk) {
        fail(err);
    }
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(parts, kTopic, 0)->offset = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    long received = 0;
    const auto start = Clock::now();
    auto lastProgress = start;
    auto end = start;
    // A target that stalls is reported with what it delivered until it stopped making progress.
    while (received < o.records && Clock::now() - lastProgress < kStallLimit) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
        if (!m) {
            continue;
        }
        if (!m->err) {
            ++received;
            end = lastProgress = Clock::now();
        }
        rd_kafka_message_destroy(m);
    }
    const double s = seconds(end - start);
    if (received != o.records) {
        std::fprintf(stderr, "%s: consumer stalled after %ld of %ld records\n", r.target.c_str(),
            received, o.records);
    }
    r.consumed = received;
    r.consumeMsgPerSec = s > 0 ? received / s : 0;
    r.consumeMBPerSec = s > 0 ? received * double(o.size) / s / 1e6 : 0;
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * double(v.size())))];
}

void measureLatency(const std::string &bootstrap, const Options &o, Result &r)
{
    std::vector<double> latencies;
    DeliveryCounter counter;
    counter.latenciesMs = &latencies;
    rd_kafka_t *rk = makeProducer(bootstrap, counter, true);
    const std::string payload(static_cast<std::size_t>(o.size), 'y');
    const long total = static_cast<long>(o.latencySeconds) * kLatencyRatePerSecond;
    const auto interval = std::chrono::microseconds(1'000'000 / kLatencyRatePerSecond);
    auto next = Clock::now();
    for (long i = 0; i < total; ++i) {
        next += interval;
        while (Clock::now() < next) {
            rd_kafka_poll(rk, 0);
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
        auto *sent = new Clock::time_point(Clock::now());
        rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(kTopic), RD_KAFKA_V_PARTITION(0),
            RD_KAFKA_V_VALUE(const_cast<char *>(payload.data()), payload.size()),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(sent), RD_KAFKA_V_END);
    }
    rd_kafka_flush(rk, 60000);
    // The first second includes connecting; leave it out.
    if (latencies.size() > static_cast<std::size_t>(kLatencyRatePerSecond)) {
        latencies.erase(latencies.begin(), latencies.begin() + kLatencyRatePerSecond);
    }
    r.latencyP50Ms = percentile(latencies, 0.50);
    r.latencyP99Ms = percentile(latencies, 0.99);
    rd_kafka_destroy(rk);
}

Result runAgainst(const std::string &target, const std::string &bootstrap, const Options &o,
    const CpuProbe &brokerCpuNs)
{
    Result r;
    r.target = target;
    std::fprintf(
        stderr, "%s: producing %ld records of %d bytes...\n", target.c_str(), o.records, o.size);
    const auto cpuBefore = brokerCpuNs();
    produceAll(bootstrap, o, r);
    r.produceBrokerCpuMs = double(brokerCpuNs() - cpuBefore) / 1e6;
    std::fprintf(stderr, "%s: consuming...\n", target.c_str());
    consumeAll(bootstrap, o, r);
    std::fprintf(stderr, "%s: latency at %d msg/s for %d s...\n", target.c_str(),
        kLatencyRatePerSecond, o.latencySeconds);
    measureLatency(bootstrap, o, r);
    return r;
}

Result benchMock(const Options &o)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "test.mock.num.brokers", "1");
    char err[256];
    rd_kafka_t *holder = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!holder) {
        fail(err);
    }
    rd_kafka_mock_cluster_t *cluster = rd_kafka_handle_mock_cluster(holder);
    rd_kafka_mock_topic_create(cluster, kTopic, 1, 1);
    Result r = runAgainst(
        "librdkafka mock", rd_kafka_mock_cluster_bootstraps(cluster), o, mockThreadsCpuNs);
    rd_kafka_destroy(holder);
    return r;
}

Result benchChippy(const Options &o)
{
    ChildBroker broker(o.brokerPath);
    Result r
        = runAgainst("chippy-broker", broker.bootstrap, o, [&broker] { return broker.cpuNs(); });
    r.peakRssKb = broker.peakRssKb();
    return r;
}

std::string toJson(const Options &o, const Result &chippy, const Result &mock)
{
    auto one = [](const Result &r) {
        char buf[512];
        std::snprintf(buf, sizeof buf,
            "{\"produce_msg_s\": %.0f, \"produce_mb_s\": %.2f, \"consume_msg_s\": %.0f, "
            "\"consume_mb_s\": %.2f, \"consumed\": %ld, \"latency_p50_ms\": %.3f, "
            "\"latency_p99_ms\": %.3f, \"produce_broker_cpu_ms\": %.1f, "
            "\"peak_rss_kb\": %ld}",
            r.produceMsgPerSec, r.produceMBPerSec, r.consumeMsgPerSec, r.consumeMBPerSec,
            r.consumed, r.latencyP50Ms, r.latencyP99Ms, r.produceBrokerCpuMs, r.peakRssKb);
        return std::string(buf);
    };
    char head[256];
    std::snprintf(head, sizeof head,
        "{\"records\": %ld, \"record_bytes\": %d, \"latency_rate_msg_s\": %d, \"rounds\": %d, ",
        o.records, o.size, kLatencyRatePerSecond, o.rounds);
    char ratios[256];
    std::snprintf(ratios, sizeof ratios, "\"produce_ratio\": %.3f, \"consume_ratio\": %.3f}",
        chippy.produceMsgPerSec / mock.produceMsgPerSec,
        chippy.consumeMsgPerSec / mock.consumeMsgPerSec);
    return std::string(head) + "\"chippy\": " + one(chippy) + ", \"mock\": " + one(mock) + ", "
        + ratios;
}

Options parse(int argc, char **argv)
{
    Options o;
    o.brokerPath = std::getenv("CHIPPY_BROKER_BIN") ? std::getenv("CHIPPY_BROKER_BIN") : "";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                fail(a + " needs a value");
            }
            return argv[++i];
        };
        if (a == "--records") {
            o.records = std::stol(value());
        } else if (a == "--size") {
            o.size = std::stoi(value());
        } else if (a == "--latency-seconds") {
            o.latencySeconds = std::stoi(value());
        } else if (a == "--rounds") {
            o.rounds = std::max(1, std::stoi(value()));
        } else if (a == "--json") {
            o.json = value();
        } else if (a == "--broker") {
            o.brokerPath = value();
        } else {
            fail("unknown option " + a);
        }
    }
    if (o.brokerPath.empty()) {
        o.brokerPath = CHIPPY_BROKER_DEFAULT_PATH;
    }
    return o;
}

// Each figure the median of the rounds; the peak RSS the largest.
Result medianOf(const std::vector<Result> &rounds)
{
    const auto median = [&](double Result::*field) {
        std::vector<double> v;
        for (const auto &r : rounds) {
            v.push_back(r.*field);
        }
        std::sort(v.begin(), v.end());
        return v[v.size() / 2];
    };
    Result m = rounds.front();
    for (double Result::*field : {&Result::produceMsgPerSec, &Result::produceMBPerSec,
             &Result::consumeMsgPerSec, &Result::consumeMBPerSec, &Result::latencyP50Ms,
             &Result::latencyP99Ms, &Result::produceBrokerCpuMs}) {
        m.*field = median(field);
    }
    for (const auto &r : rounds) {
        m.consumed = std::min(m.consumed, r.consumed);
        m.peakRssKb = std::max(m.peakRssKb, r.peakRssKb);
    }
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    std::vector<Result> chippyRounds;
    std::vector<Result> mockRounds;
    for (int round = 1; round <= o.rounds; ++round) {
        chippyRounds.push_back(benchChippy(o));
        mockRounds.push_back(benchMock(o));
        std::fprintf(stderr, "round %d of %d: produce chippy %.0f/s, mock %.0f/s\n", round,
            o.rounds, chippyRounds.back().produceMsgPerSec, mockRounds.back().produceMsgPerSec);
    }
    const Result chippy = medianOf(chippyRounds);
    const Result mock = medianOf(mockRounds);
    std::printf("%-16s %12s %9s %12s %9s %9s %9s %9s %11s %10s\n", "target", "produce/s", "MB/s",
        "consume/s", "MB/s", "consumed", "p50 ms", "p99 ms", "broker CPU", "peak RSS");
    for (const Result *r : {&chippy, &mock}) {
        std::printf("%-16s %12.0f %9.2f %12.0f %9.2f %9ld %9.3f %9.3f %8.0f ms %7ld MB\n",
            r->target.c_str(), r->produceMsgPerSec, r->produceMBPerSec, r->consumeMsgPerSec,
            r->consumeMBPerSec, r->consumed, r->latencyP50Ms, r->latencyP99Ms,
            r->produceBrokerCpuMs, r->peakRssKb < 0 ? -1 : r->peakRssKb / 1024);
    }
    std::printf("ratio chippy/mock: produce %.2f, consume %.2f\n",
        chippy.produceMsgPerSec / mock.produceMsgPerSec,
        chippy.consumeMsgPerSec / mock.consumeMsgPerSec);
    std::printf("broker CPU: CPU time of the broker while the records were produced\n");
    const auto json = toJson(o, chippy, mock);
    std::printf("%s\n", json.c_str());
    if (!o.json.empty()) {
        std::ofstream(o.json) << json << "\n";
    }
    return 0;
}
