#include "bench_broker_client.h"

#include "bench_broker_processes.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr auto kStallLimit = std::chrono::seconds(10);
constexpr int kFlushTimeoutMs = 120000;
constexpr int kAdminTimeoutMs = 30000;
constexpr auto kLeaderWait = std::chrono::seconds(30);

[[noreturn]] void fail(const std::string &what)
{
    throw std::runtime_error(what);
}

void set(rd_kafka_conf_t *conf, const char *key, const std::string &value)
{
    char err[256];
    if (rd_kafka_conf_set(conf, key, value.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
        fail(std::string(key) + ": " + err);
    }
}

rd_kafka_t *newClient(rd_kafka_type_t type, rd_kafka_conf_t *conf)
{
    char err[256];
    rd_kafka_t *rk = rd_kafka_new(type, conf, err, sizeof err);
    if (!rk) {
        fail(err);
    }
    return rk;
}

double seconds(Clock::duration d)
{
    return std::chrono::duration<double>(d).count();
}

struct DeliveryCounter
{
    std::atomic<long> delivered {0};
    std::atomic<long> failed {0};
    std::vector<double> *latenciesMs = nullptr;
};

void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque)
{
    auto *counter = static_cast<DeliveryCounter *>(opaque);
    auto *sent = static_cast<Clock::time_point *>(m->_private);
    if (m->err) {
        counter->failed++;
    } else {
        counter->delivered++;
        if (counter->latenciesMs && sent) {
            counter->latenciesMs->push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - *sent).count());
        }
    }
    delete sent;
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
    return newClient(RD_KAFKA_PRODUCER, conf);
}

void produceAll(const std::string &bootstrap, const ClientRun &run, ClientResult &r)
{
    DeliveryCounter counter;
    rd_kafka_t *rk = makeProducer(bootstrap, counter, false);
    const std::string payload(static_cast<std::size_t>(run.size), 'x');
    const auto start = Clock::now();
    for (long i = 0; i < run.records; ++i) {
        while (rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(run.topic.c_str()), RD_KAFKA_V_PARTITION(0),
                   RD_KAFKA_V_VALUE(const_cast<char *>(payload.data()), payload.size()),
                   RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END)
            == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(rk, 10);
        }
        rd_kafka_poll(rk, 0);
    }
    rd_kafka_flush(rk, kFlushTimeoutMs);
    const double s = seconds(Clock::now() - start);
    rd_kafka_destroy(rk);
    if (counter.delivered != run.records) {
        fail("delivered " + std::to_string(counter.delivered.load()) + " of "
            + std::to_string(run.records));
    }
    r.produceMsgPerSec = run.records / s;
    r.produceMBPerSec = run.records * double(run.size) / s / 1e6;
}

void consumeAll(
    const std::string &target, const std::string &bootstrap, const ClientRun &run, ClientResult &r)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", bootstrap);
    set(conf, "group.id", "bench-" + run.topic);
    set(conf, "enable.auto.commit", "false");
    rd_kafka_t *rk = newClient(RD_KAFKA_CONSUMER, conf);
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(parts, run.topic.c_str(), 0)->offset
        = RD_KAFKA_OFFSET_BEGINNING;
    rd_kafka_assign(rk, parts);
    rd_kafka_topic_partition_list_destroy(parts);
    long received = 0;
    const auto start = Clock::now();
    auto lastProgress = start;
    auto end = start;
    // A target that stalls is reported with what it delivered until it stopped making progress.
    while (received < run.records && Clock::now() - lastProgress < kStallLimit) {
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
    if (received != run.records) {
        std::fprintf(stderr, "%s: consumer stalled after %ld of %ld records\n", target.c_str(),
            received, run.records);
    }
    r.consumed = received;
    r.consumeMsgPerSec = s > 0 ? received / s : 0;
    r.consumeMBPerSec = s > 0 ? received * double(run.size) / s / 1e6 : 0;
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

void measureLatency(const std::string &bootstrap, const ClientRun &run, ClientResult &r)
{
    std::vector<double> latencies;
    DeliveryCounter counter;
    counter.latenciesMs = &latencies;
    rd_kafka_t *rk = makeProducer(bootstrap, counter, true);
    const std::string payload(static_cast<std::size_t>(run.size), 'y');
    const long total = static_cast<long>(run.latencySeconds) * kLatencyRatePerSecond;
    const auto interval = std::chrono::microseconds(1'000'000 / kLatencyRatePerSecond);
    auto next = Clock::now();
    for (long i = 0; i < total; ++i) {
        next += interval;
        while (Clock::now() < next) {
            rd_kafka_poll(rk, 0);
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        }
        auto *sent = new Clock::time_point(Clock::now());
        rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(run.topic.c_str()), RD_KAFKA_V_PARTITION(0),
            RD_KAFKA_V_VALUE(const_cast<char *>(payload.data()), payload.size()),
            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_OPAQUE(sent), RD_KAFKA_V_END);
    }
    rd_kafka_flush(rk, kFlushTimeoutMs);
    rd_kafka_destroy(rk);
    // The first second includes connecting; leave it out.
    if (latencies.size() > static_cast<std::size_t>(kLatencyRatePerSecond)) {
        latencies.erase(latencies.begin(), latencies.begin() + kLatencyRatePerSecond);
    }
    r.latencyP50Ms = percentile(latencies, 0.50);
    r.latencyP99Ms = percentile(latencies, 0.99);
}

bool hasLeader(rd_kafka_t *rk, const std::string &topic)
{
    rd_kafka_topic_t *t = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    const rd_kafka_metadata_t *md = nullptr;
    bool ready = false;
    if (rd_kafka_metadata(rk, 0, t, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        ready = md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR
            && md->topics[0].partition_cnt == 1 && md->topics[0].partitions[0].leader >= 0;
        rd_kafka_metadata_destroy(md);
    }
    rd_kafka_topic_destroy(t);
    return ready;
}

long long clientCpuNs()
{
    return threadsCpuNs("/proc/self/task") - MockCluster::cpuNs();
}

} // namespace

ClientResult runClients(const std::string &target, const std::string &bootstrap,
    const ClientRun &run, const CpuProbe &cpu)
{
    ClientResult r;
    try {
        std::fprintf(stderr, "%s: producing %ld records of %d bytes...\n", target.c_str(),
            run.records, run.size);
        const auto cpuBefore = cpu();
        produceAll(bootstrap, run, r);
        r.produceBrokerCpuMs = double(cpu() - cpuBefore) / 1e6;
        std::fprintf(stderr, "%s: consuming...\n", target.c_str());
        const auto brokerBefore = cpu();
        const auto clientBefore = clientCpuNs();
        consumeAll(target, bootstrap, run, r);
        r.consumeBrokerCpuMs = double(cpu() - brokerBefore) / 1e6;
        r.consumeClientCpuMs = double(clientCpuNs() - clientBefore) / 1e6;
        std::fprintf(stderr, "%s: latency at %d msg/s for %d s...\n", target.c_str(),
            kLatencyRatePerSecond, run.latencySeconds);
        measureLatency(bootstrap, run, r);
    } catch (const std::runtime_error &e) {
        throw std::runtime_error(target + ": " + e.what());
    }
    return r;
}

void createTopic(const std::string &bootstrap, const std::string &topic)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "bootstrap.servers", bootstrap);
    rd_kafka_t *rk = newClient(RD_KAFKA_PRODUCER, conf);
    char err[256];
    rd_kafka_NewTopic_t *newTopic = rd_kafka_NewTopic_new(topic.c_str(), 1, 1, err, sizeof err);
    rd_kafka_queue_t *queue = rd_kafka_queue_new(rk);
    rd_kafka_CreateTopics(rk, &newTopic, 1, nullptr, queue);
    rd_kafka_event_t *ev = rd_kafka_queue_poll(queue, kAdminTimeoutMs);
    std::string problem = ev ? "" : "CreateTopics timed out";
    if (ev) {
        std::size_t n = 0;
        const auto **results
            = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
        const auto code
            = n == 1 ? rd_kafka_topic_result_error(results[0]) : rd_kafka_event_error(ev);
        if (code != RD_KAFKA_RESP_ERR_NO_ERROR && code != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
            problem = std::string("CreateTopics: ") + rd_kafka_err2str(code);
        }
        rd_kafka_event_destroy(ev);
    }
    const auto giveUp = Clock::now() + kLeaderWait;
    while (problem.empty() && !hasLeader(rk, topic)) {
        if (Clock::now() > giveUp) {
            problem = "no leader for " + topic;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    rd_kafka_queue_destroy(queue);
    rd_kafka_NewTopic_destroy(newTopic);
    rd_kafka_destroy(rk);
    if (!problem.empty()) {
        fail(problem);
    }
}

MockCluster::MockCluster()
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    set(conf, "test.mock.num.brokers", "1");
    m_holder = newClient(RD_KAFKA_PRODUCER, conf);
}

MockCluster::~MockCluster()
{
    rd_kafka_destroy(m_holder);
}

std::string MockCluster::bootstrap() const
{
    return rd_kafka_mock_cluster_bootstraps(rd_kafka_handle_mock_cluster(m_holder));
}

void MockCluster::createTopic(const std::string &topic)
{
    rd_kafka_mock_topic_create(rd_kafka_handle_mock_cluster(m_holder), topic.c_str(), 1, 1);
}

long long MockCluster::cpuNs()
{
    // The mock cluster runs on threads of this process named "rdk:mock".
    return threadsCpuNs("/proc/self/task", "rdk:mock");
}

} // namespace bench
