// Broker benchmark: the same librdkafka producer and consumer against chippy-broker, librdkafka's
// mock cluster and Apache Kafka, side by side in one run, at each record size; then Kafka's own
// perf tools against chippy-broker and Kafka. Prints a table and JSON.
//
//   bench_broker [--records N] [--sizes B,B...] [--latency-seconds S] [--rounds N]
//                [--json FILE] [--broker PATH] [--in-memory] [--no-kafka] [--no-perf-tools]
//
// --records is the count at each size, but for large records: no size moves more than
// kMaxBytesPerSize. chippy-broker keeps its log in files like Kafka does (--in-memory: not).
// With several rounds the targets take turns and each figure is the median of its rounds,
// which steadies the comparison on a busy machine. Kafka is started once, through
// tests/servers/kafka-server.sh, and left out with a line saying why when java or its jars
// are missing.
#include "bench_broker_client.h"
#include "bench_broker_perf_tools.h"
#include "bench_broker_processes.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace bench;

constexpr long kMaxBytesPerSize = 256L << 20;
// The goals of issue 9 for chippy-broker against Apache Kafka on this machine.
constexpr double kThroughputGoal = 1.0;
constexpr double kStartGoal = 50.0;
constexpr double kRssGoal = 0.25;

struct Options
{
    long records = 1'000'000;
    std::vector<int> sizes {100, 1024};
    int latencySeconds = 5;
    int rounds = 1;
    std::string json;
    std::string brokerPath;
    bool inMemory = false;
    bool kafka = true;
    bool perfTools = true;

    long recordsFor(int size) const
    {
        return std::min(records, std::max(1L, kMaxBytesPerSize / size));
    }
};

struct Target
{
    Target(std::string key, std::string name)
        : key(std::move(key))
        , name(std::move(name))
    { }

    std::string key;
    std::string name;
    std::string skipped; // why the target was left out, if it was
    bool inProcess = false;
    std::vector<std::vector<ClientResult>> rounds; // [size index][round]
    std::vector<double> startMs;
    long peakRssKb = -1;
    std::vector<ProducerPerf> perfProduce; // [size index]
    std::vector<ConsumerPerf> perfConsume;

    bool ran() const { return skipped.empty(); }
};

[[noreturn]] void usage(const std::string &what)
{
    std::fprintf(stderr, "bench_broker: %s\n", what.c_str());
    std::exit(2);
}

Options parse(int argc, char **argv)
{
    Options o;
    o.brokerPath = std::getenv("CHIPPY_BROKER_BIN") ? std::getenv("CHIPPY_BROKER_BIN") : "";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage(a + " needs a value");
            }
            return argv[++i];
        };
        if (a == "--records") {
            o.records = std::stol(value());
        } else if (a == "--sizes" || a == "--size") {
            o.sizes.clear();
            std::stringstream list(value());
            std::string size;
            while (std::getline(list, size, ',')) {
                o.sizes.push_back(std::max(1, std::stoi(size)));
            }
        } else if (a == "--latency-seconds") {
            o.latencySeconds = std::stoi(value());
        } else if (a == "--rounds") {
            o.rounds = std::max(1, std::stoi(value()));
        } else if (a == "--json") {
            o.json = value();
        } else if (a == "--broker") {
            o.brokerPath = value();
        } else if (a == "--in-memory") {
            o.inMemory = true;
        } else if (a == "--no-kafka") {
            o.kafka = false;
        } else if (a == "--no-perf-tools") {
            o.perfTools = false;
        } else {
            usage("unknown option " + a);
        }
    }
    if (o.brokerPath.empty()) {
        o.brokerPath = CHIPPY_BROKER_DEFAULT_PATH;
    }
    if (o.sizes.empty()) {
        usage("--sizes needs at least one size");
    }
    return o;
}

double median(std::vector<double> v)
{
    if (v.empty()) {
        return 0;
    }
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Each figure the median of the rounds; the records consumed the fewest.
ClientResult medianOf(const std::vector<ClientResult> &rounds)
{
    ClientResult m;
    for (double ClientResult::*field : {&ClientResult::produceMsgPerSec,
             &ClientResult::produceMBPerSec, &ClientResult::consumeMsgPerSec,
             &ClientResult::consumeMBPerSec, &ClientResult::latencyP50Ms,
             &ClientResult::latencyP99Ms, &ClientResult::produceBrokerCpuMs,
             &ClientResult::consumeBrokerCpuMs, &ClientResult::consumeClientCpuMs}) {
        std::vector<double> v;
        for (const auto &r : rounds) {
            v.push_back(r.*field);
        }
        m.*field = median(v);
    }
    m.consumed = rounds.empty() ? 0 : rounds.front().consumed;
    for (const auto &r : rounds) {
        m.consumed = std::min(m.consumed, r.consumed);
    }
    return m;
}

std::string topicName(const char *kind, int size, int round)
{
    return std::string(kind) + "-" + std::to_string(size) + "-r" + std::to_string(round);
}

// --- the runs ---------------------------------------------------------------------------

struct Bench
{
    Options o;
    std::string workDir;
    Target chippy {"chippy", "chippy-broker"};
    Target mock {"mock", "librdkafka mock"};
    Target kafka {"kafka", "Apache Kafka"};
    std::unique_ptr<KafkaProcess> kafkaProcess;
    std::optional<std::string> javaMissing;

    void startKafka()
    {
        if (!o.kafka) {
            kafka.skipped = "left out (--no-kafka)";
            return;
        }
        if (javaMissing) {
            kafka.skipped = *javaMissing;
            return;
        }
        std::fprintf(stderr, "Apache Kafka: starting through kafka-server.sh...\n");
        try {
            kafkaProcess = std::make_unique<KafkaProcess>(CHIPPY_SERVERS_DIR, workDir + "/kafka");
            kafka.startMs.push_back(kafkaProcess->startMs());
        } catch (const std::runtime_error &e) {
            kafka.skipped = std::string("did not start: ") + e.what();
        }
    }

    std::string chippyDataDir(const std::string &name) const
    {
        return o.inMemory ? "" : workDir + "/" + name;
    }

    void clientRound(int round)
    {
        ChippyProcess broker(o.brokerPath, chippyDataDir("chippy-r" + std::to_string(round)));
        chippy.startMs.push_back(broker.startMs());
        for (std::size_t i = 0; i < o.sizes.size(); ++i) {
            const int size = o.sizes[i];
            const ClientRun run {
                topicName("bench", size, round), o.recordsFor(size), size, o.latencySeconds};
            createTopic(broker.bootstrap(), run.topic);
            chippy.rounds[i].push_back(runClients(chippy.name, broker.bootstrap(), run,
                [&broker] { return processCpuNs(broker.pid()); }));
            {
                MockCluster cluster;
                cluster.createTopic(run.topic);
                mock.rounds[i].push_back(
                    runClients(mock.name, cluster.bootstrap(), run, &MockCluster::cpuNs));
            }
            if (kafkaProcess) {
                createTopic(kafkaProcess->bootstrap(), run.topic);
                kafka.rounds[i].push_back(runClients(kafka.name, kafkaProcess->bootstrap(), run,
                    [this] { return processCpuNs(kafkaProcess->pid()); }));
            }
            std::fprintf(stderr, "round %d of %d, %d B: produce chippy %.0f/s, consume %.0f/s\n",
                round, o.rounds, size, chippy.rounds[i].back().produceMsgPerSec,
                chippy.rounds[i].back().consumeMsgPerSec);
        }
        chippy.peakRssKb = std::max(chippy.peakRssKb, peakRssKb(broker.pid()));
    }

    void perfToolsRun(Target &target, const std::string &bootstrap, const PerfTools &tools)
    {
        for (const int size : o.sizes) {
            const auto topic = topicName("perf", size, 1);
            const long records = o.recordsFor(size);
            createTopic(bootstrap, topic);
            std::fprintf(stderr, "%s: kafka-producer-perf-test, %ld records of %d bytes...\n",
                target.name.c_str(), records, size);
            target.perfProduce.push_back(tools.produce(bootstrap, topic, records, size));
            std::fprintf(stderr, "%s: kafka-consumer-perf-test...\n", target.name.c_str());
            target.perfConsume.push_back(tools.consume(bootstrap, topic, records));
        }
    }

    void perfToolRuns()
    {
        if (!o.perfTools || javaMissing) {
            return;
        }
        const PerfTools tools(kafkaJarsDir(CHIPPY_SERVERS_DIR),
            std::string(CHIPPY_SERVERS_DIR) + "/tools-log4j2.properties");
        {
            ChippyProcess broker(o.brokerPath, chippyDataDir("chippy-perf"));
            perfToolsRun(chippy, broker.bootstrap(), tools);
        }
        if (kafkaProcess) {
            perfToolsRun(kafka, kafkaProcess->bootstrap(), tools);
        }
    }

    void run()
    {
        mock.inProcess = true;
        for (Target *t : {&chippy, &mock, &kafka}) {
            t->rounds.resize(o.sizes.size());
        }
        javaMissing = kafkaMissing(CHIPPY_SERVERS_DIR);
        startKafka();
        if (!kafka.ran()) {
            std::fprintf(stderr, "Apache Kafka: skipped: %s\n", kafka.skipped.c_str());
        }
        for (int round = 1; round <= o.rounds; ++round) {
            clientRound(round);
        }
        if (kafkaProcess) {
            // Before the perf tools, so that both brokers' figures cover the same work.
            kafka.peakRssKb = peakRssKb(kafkaProcess->pid());
        }
        perfToolRuns();
        kafkaProcess.reset();
    }
};

// --- the report -------------------------------------------------------------------------

using Figure = std::function<std::optional<double>(const Target &)>;

std::string cell(std::optional<double> v, int decimals)
{
    if (!v) {
        return "-";
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
    return buf;
}

std::optional<double> ratio(std::optional<double> a, std::optional<double> b)
{
    if (!a || !b || *b == 0) {
        return std::nullopt;
    }
    return *a / *b;
}

void printRow(const Bench &b, const std::string &label, const Figure &figure, int decimals,
    const char *mockNote = nullptr)
{
    std::printf("%-38s", label.c_str());
    for (const Target *t : {&b.chippy, &b.mock, &b.kafka}) {
        const std::string text = t == &b.mock && mockNote ? mockNote
            : t->ran()                                    ? cell(figure(*t), decimals)
                                                          : "-";
        std::printf(" %16s", text.c_str());
    }
    const auto r = b.kafka.ran() ? ratio(figure(b.chippy), figure(b.kafka)) : std::nullopt;
    std::printf(" %13s\n", cell(r, 3).c_str());
}

std::optional<double> clientFigure(const Target &t, std::size_t i, double ClientResult::*field)
{
    if (!t.ran() || t.rounds[i].empty()) {
        return std::nullopt;
    }
    return medianOf(t.rounds[i]).*field;
}

std::optional<double> startFigure(const Target &t)
{
    if (t.startMs.empty()) {
        return std::nullopt;
    }
    return median(t.startMs);
}

std::optional<double> rssFigure(const Target &t)
{
    if (t.peakRssKb < 0) {
        return std::nullopt;
    }
    return t.peakRssKb / 1024.0;
}

template<typename Perf>
std::optional<double> perfFigure(const std::vector<Perf> &runs, std::size_t i, double Perf::*field)
{
    if (i >= runs.size() || !runs[i].ok) {
        return std::nullopt;
    }
    return runs[i].*field;
}

void printTable(const Bench &b)
{
    const auto &o = b.o;
    std::printf("records:");
    for (const int size : o.sizes) {
        std::printf(" %ld of %d B", o.recordsFor(size), size);
    }
    std::printf("; acks=all; rounds: %d (medians); chippy-broker log in %s\n", o.rounds,
        o.inMemory ? "memory" : "files");
    std::printf("%-38s %16s %16s %16s %13s\n", "", b.chippy.name.c_str(), b.mock.name.c_str(),
        b.kafka.name.c_str(), "chippy/Kafka");
    struct ClientRow
    {
        const char *label;
        double ClientResult::*field;
        int decimals;
    };
    const ClientRow clientRows[] = {
        {"produce msg/s", &ClientResult::produceMsgPerSec, 0},
        {"produce MB/s", &ClientResult::produceMBPerSec, 2},
        {"consume msg/s", &ClientResult::consumeMsgPerSec, 0},
        {"consume MB/s", &ClientResult::consumeMBPerSec, 2},
        {"produce p50 ms at 1k msg/s", &ClientResult::latencyP50Ms, 3},
        {"produce p99 ms at 1k msg/s", &ClientResult::latencyP99Ms, 3},
        {"broker CPU ms while producing", &ClientResult::produceBrokerCpuMs, 0},
        {"broker CPU ms while consuming", &ClientResult::consumeBrokerCpuMs, 0},
        {"consumer CPU ms while consuming", &ClientResult::consumeClientCpuMs, 0},
    };
    for (std::size_t i = 0; i < o.sizes.size(); ++i) {
        const std::string size = std::to_string(o.sizes[i]) + " B ";
        for (const auto &row : clientRows) {
            printRow(
                b, size + row.label, [&](const Target &t) { return clientFigure(t, i, row.field); },
                row.decimals);
        }
        printRow(
            b, size + "records consumed",
            [&](const Target &t) {
                return clientFigure(t, i, &ClientResult::consumeMsgPerSec)
                    ? std::optional<double>(medianOf(t.rounds[i]).consumed)
                    : std::nullopt;
            },
            0);
    }
    printRow(b, "start to first answer ms", startFigure, 1, "in-process");
    printRow(b, "peak RSS MB (VmHWM)", rssFigure, 1, "in-process");
    for (std::size_t i = 0; i < o.sizes.size(); ++i) {
        const std::string size = std::to_string(o.sizes[i]) + " B ";
        const char *none = "not run";
        printRow(
            b, size + "producer-perf-test msg/s",
            [&](const Target &t) { return perfFigure(t.perfProduce, i, &ProducerPerf::msgPerSec); },
            0, none);
        printRow(
            b, size + "producer-perf-test p50 ms",
            [&](const Target &t) { return perfFigure(t.perfProduce, i, &ProducerPerf::p50Ms); }, 0,
            none);
        printRow(
            b, size + "producer-perf-test p99 ms",
            [&](const Target &t) { return perfFigure(t.perfProduce, i, &ProducerPerf::p99Ms); }, 0,
            none);
        printRow(
            b, size + "consumer-perf-test msg/s",
            [&](const Target &t) { return perfFigure(t.perfConsume, i, &ConsumerPerf::msgPerSec); },
            0, none);
        printRow(
            b, size + "consumer-perf-test fetch msg/s",
            [&](const Target &t) {
                return perfFigure(t.perfConsume, i, &ConsumerPerf::fetchMsgPerSec);
            },
            0, none);
    }
    for (const Target *t : {&b.chippy, &b.kafka}) {
        for (std::size_t i = 0; i < t->perfProduce.size(); ++i) {
            if (!t->perfProduce[i].ok || !t->perfConsume[i].ok) {
                std::printf("perf tools on %s at %d B failed: %s %s\n", t->name.c_str(), o.sizes[i],
                    t->perfProduce[i].error.c_str(), t->perfConsume[i].error.c_str());
            }
        }
    }
    std::printf("CPU: of the broker process (the mock's threads) and of the consumer while the "
                "records moved; the mock cluster runs in this process, so it has no start or RSS "
                "of its own\n");
    if (!b.kafka.ran()) {
        std::printf("Apache Kafka: skipped: %s\n", b.kafka.skipped.c_str());
        return;
    }
    std::printf("goals against Apache Kafka:");
    for (std::size_t i = 0; i < o.sizes.size(); ++i) {
        const auto produce = ratio(clientFigure(b.chippy, i, &ClientResult::produceMsgPerSec),
            clientFigure(b.kafka, i, &ClientResult::produceMsgPerSec));
        const auto consume = ratio(clientFigure(b.chippy, i, &ClientResult::consumeMsgPerSec),
            clientFigure(b.kafka, i, &ClientResult::consumeMsgPerSec));
        std::printf(" %d B produce %sx, consume %sx (>= %.1fx);", o.sizes[i],
            cell(produce, 2).c_str(), cell(consume, 2).c_str(), kThroughputGoal);
    }
    std::printf(" start %sx faster (>= %.0fx); RSS %sx (<= %.2fx)\n",
        cell(ratio(startFigure(b.kafka), startFigure(b.chippy)), 0).c_str(), kStartGoal,
        cell(ratio(rssFigure(b.chippy), rssFigure(b.kafka)), 3).c_str(), kRssGoal);
}

std::string number(std::optional<double> v, int decimals)
{
    return v ? cell(v, decimals) : "null";
}

std::string quotedJson(const std::string &s)
{
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            q += '\\';
        }
        q += c == '\n' ? ' ' : c;
    }
    return q + "\"";
}

std::string targetJson(const Bench &b, const Target &t)
{
    std::string j = "{\"name\": " + quotedJson(t.name);
    if (!t.ran()) {
        return j + ", \"skipped\": " + quotedJson(t.skipped) + "}";
    }
    j += ", \"in_process\": " + std::string(t.inProcess ? "true" : "false");
    j += ", \"start_ms\": " + number(startFigure(t), 2);
    j += ", \"peak_rss_kb\": "
        + (t.peakRssKb < 0 ? std::string("null") : std::to_string(t.peakRssKb));
    j += ", \"sizes\": {";
    for (std::size_t i = 0; i < b.o.sizes.size(); ++i) {
        const auto r = medianOf(t.rounds[i]);
        char buf[768];
        std::snprintf(buf, sizeof buf,
            "%s\"%d\": {\"produce_msg_s\": %.0f, \"produce_mb_s\": %.2f, \"consume_msg_s\": %.0f, "
            "\"consume_mb_s\": %.2f, \"consumed\": %ld, \"latency_p50_ms\": %.3f, "
            "\"latency_p99_ms\": %.3f, \"produce_broker_cpu_ms\": %.1f, "
            "\"consume_broker_cpu_ms\": %.1f, \"consume_client_cpu_ms\": %.1f",
            i ? ", " : "", b.o.sizes[i], r.produceMsgPerSec, r.produceMBPerSec, r.consumeMsgPerSec,
            r.consumeMBPerSec, r.consumed, r.latencyP50Ms, r.latencyP99Ms, r.produceBrokerCpuMs,
            r.consumeBrokerCpuMs, r.consumeClientCpuMs);
        j += buf;
        if (i < t.perfProduce.size()) {
            const auto &p = t.perfProduce[i];
            const auto &c = t.perfConsume[i];
            j += ", \"producer_perf_test\": {\"msg_s\": "
                + number(perfFigure(t.perfProduce, i, &ProducerPerf::msgPerSec), 1)
                + ", \"mb_s\": " + number(perfFigure(t.perfProduce, i, &ProducerPerf::mbPerSec), 2)
                + ", \"p50_ms\": " + number(perfFigure(t.perfProduce, i, &ProducerPerf::p50Ms), 1)
                + ", \"p99_ms\": " + number(perfFigure(t.perfProduce, i, &ProducerPerf::p99Ms), 1)
                + (p.ok ? "" : ", \"error\": " + quotedJson(p.error)) + "}";
            j += ", \"consumer_perf_test\": {\"msg_s\": "
                + number(perfFigure(t.perfConsume, i, &ConsumerPerf::msgPerSec), 1)
                + ", \"fetch_msg_s\": "
                + number(perfFigure(t.perfConsume, i, &ConsumerPerf::fetchMsgPerSec), 1)
                + ", \"rebalance_ms\": "
                + number(perfFigure(t.perfConsume, i, &ConsumerPerf::rebalanceMs), 0)
                + (c.ok ? "" : ", \"error\": " + quotedJson(c.error)) + "}";
        }
        j += "}";
    }
    return j + "}}";
}

std::string toJson(const Bench &b)
{
    std::string j = "{\"records\": {";
    for (std::size_t i = 0; i < b.o.sizes.size(); ++i) {
        j += (i ? ", \"" : "\"") + std::to_string(b.o.sizes[i])
            + "\": " + std::to_string(b.o.recordsFor(b.o.sizes[i]));
    }
    j += "}, \"latency_rate_msg_s\": " + std::to_string(kLatencyRatePerSecond)
        + ", \"rounds\": " + std::to_string(b.o.rounds) + ", \"chippy_log\": \""
        + (b.o.inMemory ? "memory" : "files") + "\"";
    for (const Target *t : {&b.chippy, &b.mock, &b.kafka}) {
        j += ", \"" + t->key + "\": " + targetJson(b, *t);
    }
    if (b.kafka.ran()) {
        j += ", \"chippy_vs_kafka\": {";
        for (std::size_t i = 0; i < b.o.sizes.size(); ++i) {
            const auto size = std::to_string(b.o.sizes[i]);
            j += "\"produce_" + size + "\": "
                + number(ratio(clientFigure(b.chippy, i, &ClientResult::produceMsgPerSec),
                             clientFigure(b.kafka, i, &ClientResult::produceMsgPerSec)),
                    3)
                + ", \"consume_" + size + "\": "
                + number(ratio(clientFigure(b.chippy, i, &ClientResult::consumeMsgPerSec),
                             clientFigure(b.kafka, i, &ClientResult::consumeMsgPerSec)),
                    3)
                + ", ";
        }
        j += "\"start_speedup\": " + number(ratio(startFigure(b.kafka), startFigure(b.chippy)), 1)
            + ", \"rss\": " + number(ratio(rssFigure(b.chippy), rssFigure(b.kafka)), 3) + "}";
    }
    return j + "}";
}

} // namespace

int main(int argc, char **argv)
{
    Bench b;
    b.o = parse(argc, argv);
    stopBrokersOnSignal();
    char dir[] = "/tmp/bench_broker.XXXXXX";
    if (!::mkdtemp(dir)) {
        usage("cannot make a work directory in /tmp");
    }
    b.workDir = dir;
    int status = 0;
    try {
        b.run();
        printTable(b);
        const auto json = toJson(b);
        std::printf("%s\n", json.c_str());
        if (!b.o.json.empty()) {
            std::ofstream(b.o.json) << json << "\n";
        }
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_broker: %s\n", e.what());
        status = 1;
    }
    b.kafkaProcess.reset();
    std::error_code ignored;
    std::filesystem::remove_all(b.workDir, ignored);
    return status;
}
