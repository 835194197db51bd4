// What bench_broker measures with librdkafka: producing and consuming flat out, and produce
// latency at a steady rate; the same client against every broker.
#pragma once

#include <functional>
#include <string>

struct rd_kafka_s;

namespace bench {

struct ClientRun
{
    std::string topic;
    long records = 0;
    int size = 0;
    int latencySeconds = 0;
};

struct ClientResult
{
    double produceMsgPerSec = 0;
    double produceMBPerSec = 0;
    double consumeMsgPerSec = 0;
    double consumeMBPerSec = 0;
    long consumed = 0;
    double latencyP50Ms = 0;
    double latencyP99Ms = 0;
    // CPU time the broker itself spent while the records were produced, and consumed; and the
    // consumer's (this process less the mock cluster's threads): which side bounds consuming.
    double produceBrokerCpuMs = 0;
    double consumeBrokerCpuMs = 0;
    double consumeClientCpuMs = 0;
};

constexpr int kLatencyRatePerSecond = 1000;

using CpuProbe = std::function<long long()>; // nanoseconds on CPU so far

// Produces run.records records, consumes them back, then produces at a steady rate to time
// each delivery (acks=all throughout).
ClientResult runClients(const std::string &target, const std::string &bootstrap,
    const ClientRun &run, const CpuProbe &cpu);

// Creates a topic of one partition and waits until it has a leader.
void createTopic(const std::string &bootstrap, const std::string &topic);

// librdkafka's mock cluster of one broker, on threads of this process.
class MockCluster
{
public:
    MockCluster();
    ~MockCluster();
    MockCluster(const MockCluster &) = delete;
    MockCluster &operator=(const MockCluster &) = delete;

    std::string bootstrap() const;
    void createTopic(const std::string &topic);
    // CPU time of the mock cluster's threads.
    static long long cpuNs();

private:
    rd_kafka_s *m_holder;
};

} // namespace bench
