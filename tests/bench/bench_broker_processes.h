// The broker processes bench_broker measures: chippy-broker started directly, Apache Kafka
// started through tests/servers/kafka-server.sh, and what /proc tells about each.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <sys/types.h>

namespace bench {

// Peak resident set size of a process (VmHWM in /proc/PID/status), -1 when unknown.
long peakRssKb(pid_t pid);
// Nanoseconds on a CPU of the threads in taskDir (/proc/<pid>/task) whose name starts with
// prefix: the first field of each thread's schedstat.
long long threadsCpuNs(const std::string &taskDir, const std::string &prefix = "");
long long processCpuNs(pid_t pid);

// Asks host:port for its ApiVersions (v0) until one is answered without error; false when
// deadline passes first.
bool waitForApiVersions(
    const std::string &host, int port, std::chrono::steady_clock::time_point deadline);

// chippy-broker as a child process on a free loopback port.
class ChippyProcess
{
public:
    // dataDir empty: the broker keeps its log in memory.
    ChippyProcess(const std::string &path, const std::string &dataDir);
    ~ChippyProcess();
    ChippyProcess(const ChippyProcess &) = delete;
    ChippyProcess &operator=(const ChippyProcess &) = delete;

    pid_t pid() const { return m_pid; }
    const std::string &bootstrap() const { return m_bootstrap; }
    // From exec to the first ApiVersions answer.
    double startMs() const { return m_startMs; }

private:
    pid_t m_pid = -1;
    std::string m_bootstrap;
    double m_startMs = 0;
};

// Where Kafka's jars are: $CHIPPY_SERVER_JARS/kafka or <servers dir>/jars/kafka, as the
// server scripts look for them.
std::string kafkaJarsDir(const std::string &serversDir);
// Why Apache Kafka cannot run here (no java, no jars), or nothing when it can.
std::optional<std::string> kafkaMissing(const std::string &serversDir);

// One Apache Kafka node started with kafka-server.sh in runDir, stopped with it again.
class KafkaProcess
{
public:
    // Throws std::runtime_error with the script's complaint when the node does not start.
    KafkaProcess(const std::string &serversDir, const std::string &runDir);
    ~KafkaProcess();
    KafkaProcess(const KafkaProcess &) = delete;
    KafkaProcess &operator=(const KafkaProcess &) = delete;

    pid_t pid() const { return m_pid; }
    const std::string &bootstrap() const { return m_bootstrap; }
    // From the exec of the Kafka JVM (not the storage formatting before it) to the first
    // ApiVersions answer.
    double startMs() const { return m_startMs; }

private:
    void stop();

    std::string m_script;
    std::string m_dir;
    pid_t m_pid = -1;
    std::string m_bootstrap;
    double m_startMs = 0;
};

// Ends the brokers this process started when it is interrupted, so that none outlives it.
void stopBrokersOnSignal();

} // namespace bench
