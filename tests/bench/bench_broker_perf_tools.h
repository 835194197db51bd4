// Kafka's own kafka-producer-perf-test and kafka-consumer-perf-test (ProducerPerformance and
// ConsumerPerformance in kafka-tools), run from the jars against any broker.
#pragma once

#include <string>

namespace bench {

struct ProducerPerf
{
    bool ok = false;
    std::string error;
    double msgPerSec = 0;
    double mbPerSec = 0;
    double avgLatencyMs = 0;
    double p50Ms = 0;
    double p99Ms = 0;
};

struct ConsumerPerf
{
    bool ok = false;
    std::string error;
    double msgPerSec = 0; // over the whole run, joining the group included
    double mbPerSec = 0;
    double fetchMsgPerSec = 0; // after the group has formed
    double rebalanceMs = 0;
    long consumed = 0;
};

class PerfTools
{
public:
    // jarsDir: Kafka's jars; log4jConfig: where the tools send their logging.
    PerfTools(std::string jarsDir, std::string log4jConfig);

    // Produces records of size bytes flat out with acks=all.
    ProducerPerf produce(
        const std::string &bootstrap, const std::string &topic, long records, int size) const;
    // Consumes records from the start of topic in a new group.
    ConsumerPerf consume(
        const std::string &bootstrap, const std::string &topic, long records) const;

private:
    std::string java(const std::string &mainClass) const;

    std::string m_jarsDir;
    std::string m_log4jConfig;
};

} // namespace bench
