// One member of a consumer group, with librdkafka, for tst_groupbehaviour. Its twin with the
// Java client is java/GroupMember.java; both speak the same lines.
//
// Usage: groupbehaviour-rdkafka-member BOOTSTRAP GROUP TOPIC CLIENT_ID
// Reads commands on standard input: "commit" (commit what was consumed, answer "committed"),
// "close" (leave the group, answer "closed" and exit). Reports on standard output:
// "assigned 0,1" (or "assigned -") whenever its partitions change, and "consumed P OFFSET" for
// each record.
#include "rdkafka_group_member.h"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>

using namespace chippy::test;

namespace {

constexpr auto kReportInterval = std::chrono::milliseconds(20);

// The command lines read from standard input, ending with "close" at its end.
class Commands
{
public:
    Commands()
        : m_reader([this] { read(); })
    {
        m_reader.detach();
    }

    // The next command, or an empty string when none came within the wait.
    std::string next(std::chrono::milliseconds wait)
    {
        std::unique_lock lock(m_mutex);
        if (!m_ready.wait_for(lock, wait, [this] { return !m_lines.empty(); })) {
            return {};
        }
        auto line = std::move(m_lines.front());
        m_lines.pop_front();
        return line;
    }

private:
    void read()
    {
        std::string line;
        while (std::getline(std::cin, line)) {
            push(line);
        }
        push("close");
    }

    void push(std::string line)
    {
        std::lock_guard lock(m_mutex);
        m_lines.push_back(std::move(line));
        m_ready.notify_one();
    }

    std::mutex m_mutex;
    std::condition_variable m_ready;
    std::deque<std::string> m_lines;
    std::thread m_reader;
};

std::string partitions(const std::set<TopicPartition> &assigned)
{
    if (assigned.empty()) {
        return "-";
    }
    std::string out;
    for (const auto &[topic, partition] : assigned) {
        out += (out.empty() ? "" : ",") + std::to_string(partition);
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 5) {
        std::cerr << "usage: groupbehaviour-rdkafka-member BOOTSTRAP GROUP TOPIC CLIENT_ID\n";
        return 2;
    }
    // The same settings as GroupMember.java.
    RdKafkaGroupMember member(
        {
            {"bootstrap.servers", argv[1]},
            {"group.id", argv[2]},
            {"client.id", argv[4]},
            {"enable.auto.commit", "false"},
            {"auto.offset.reset", "earliest"},
            {"partition.assignment.strategy", "range"},
            {"session.timeout.ms", "6000"},
            {"heartbeat.interval.ms", "500"},
            {"topic.metadata.refresh.interval.ms", "1000"},
            {"log_level", "4"},
        },
        {argv[3]});
    if (!member.startError().empty()) {
        std::cerr << "cannot start: " << member.startError() << "\n";
        return 1;
    }
    Commands commands;
    std::string reported = "-";
    std::size_t recordsReported = 0;
    for (;;) {
        const auto command = commands.next(kReportInterval);
        const auto assigned = partitions(member.assignment());
        if (assigned != reported) {
            std::cout << "assigned " << assigned << std::endl;
            reported = assigned;
        }
        const auto records = member.records();
        for (; recordsReported < records.size(); ++recordsReported) {
            const auto &r = records[recordsReported];
            std::cout << "consumed " << r.partition << " " << r.offset << std::endl;
        }
        if (command == "close") {
            break;
        }
        if (command == "commit") {
            const auto err = member.commit();
            // Nothing consumed since the last commit is nothing to commit, as for the Java
            // client's commitSync(); the committed offsets compared at the end show the rest.
            if (err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET) {
                std::cout << "committed" << std::endl;
            } else {
                std::cout << "commit-failed " << rd_kafka_err2str(err) << std::endl;
            }
        }
    }
    member.close();
    std::cout << "closed" << std::endl;
    // Not a return: the command reader may still be blocked on standard input, and it must
    // not outlive what it reads into.
    std::_Exit(0);
}
