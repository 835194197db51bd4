#include "bench_broker_perf_tools.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <sstream>
#include <sys/wait.h>
#include <vector>

namespace bench {
namespace {

std::string quoted(const std::string &s)
{
    std::string q = "'";
    for (char c : s) {
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return q + "'";
}

struct Output
{
    std::vector<std::string> lines;
    int status = -1;
};

// Runs a shell command; its standard output by line (standard error passes through).
Output run(const std::string &command)
{
    Output out;
    FILE *pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        return out;
    }
    std::string line;
    char buf[4096];
    while (std::fgets(buf, sizeof buf, pipe)) {
        line += buf;
        if (!line.empty() && line.back() == '\n') {
            line.pop_back();
            out.lines.push_back(line);
            line.clear();
        }
    }
    if (!line.empty()) {
        out.lines.push_back(line);
    }
    const int status = ::pclose(pipe);
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

std::vector<std::string> splitCsv(const std::string &line)
{
    std::vector<std::string> fields;
    std::stringstream s(line);
    std::string field;
    while (std::getline(s, field, ',')) {
        const auto first = field.find_first_not_of(' ');
        fields.push_back(first == std::string::npos ? "" : field.substr(first));
    }
    return fields;
}

std::string failure(const Output &out)
{
    std::string why = "exit " + std::to_string(out.status);
    if (!out.lines.empty()) {
        why += ": " + out.lines.back();
    }
    return why;
}

} // namespace

PerfTools::PerfTools(std::string jarsDir, std::string log4jConfig)
    : m_jarsDir(std::move(jarsDir))
    , m_log4jConfig(std::move(log4jConfig))
{ }

std::string PerfTools::java(const std::string &mainClass) const
{
    return "java " + quoted("-Dlog4j2.configurationFile=" + m_log4jConfig) + " -cp "
        + quoted(m_jarsDir + "/*") + " " + mainClass;
}

ProducerPerf PerfTools::produce(
    const std::string &bootstrap, const std::string &topic, long records, int size) const
{
    const auto out = run(java("org.apache.kafka.tools.ProducerPerformance") + " --bootstrap-server "
        + quoted(bootstrap) + " --topic " + quoted(topic) + " --num-records "
        + std::to_string(records) + " --record-size " + std::to_string(size)
        + " --throughput -1 --command-property acks=all");
    ProducerPerf p;
    // The summary: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max
    // latency, P ms 50th, P ms 95th, P ms 99th, P ms 99.9th." Progress lines lack the
    // percentiles.
    for (const auto &line : out.lines) {
        long sent = 0;
        double maxMs = 0;
        double p95 = 0;
        if (std::sscanf(line.c_str(),
                "%ld records sent, %lf records/sec (%lf MB/sec), %lf ms avg latency, %lf ms max "
                "latency, %lf ms 50th, %lf ms 95th, %lf ms 99th",
                &sent, &p.msgPerSec, &p.mbPerSec, &p.avgLatencyMs, &maxMs, &p.p50Ms, &p95, &p.p99Ms)
            == 8) {
            p.ok = out.status == 0 && sent == records;
        }
    }
    if (!p.ok) {
        p.error = failure(out);
    }
    return p;
}

ConsumerPerf PerfTools::consume(
    const std::string &bootstrap, const std::string &topic, long records) const
{
    const auto out = run(java("org.apache.kafka.tools.ConsumerPerformance") + " --bootstrap-server "
        + quoted(bootstrap) + " --topic " + quoted(topic) + " --num-records "
        + std::to_string(records) + " --group " + quoted("perf-" + topic) + " --timeout 30000");
    // A header line of field names, then one line of values.
    ConsumerPerf c;
    for (std::size_t i = 0; i + 1 < out.lines.size(); ++i) {
        const auto names = splitCsv(out.lines[i]);
        const auto values = splitCsv(out.lines[i + 1]);
        if (names.empty() || names.front() != "start.time" || names.size() != values.size()) {
            continue;
        }
        std::map<std::string, double> field;
        for (std::size_t k = 2; k < names.size(); ++k) {
            field[names[k]] = std::atof(values[k].c_str());
        }
        c.msgPerSec = field["nMsg.sec"];
        c.mbPerSec = field["MB.sec"];
        c.fetchMsgPerSec = field["fetch.nMsg.sec"];
        c.rebalanceMs = field["rebalance.time.ms"];
        c.consumed = static_cast<long>(field["data.consumed.in.nMsg"]);
        c.ok = out.status == 0 && c.consumed == records;
    }
    if (!c.ok) {
        c.error = c.consumed > 0
            ? "consumed " + std::to_string(c.consumed) + " of " + std::to_string(records)
            : failure(out);
    }
    return c;
}

} // namespace bench
