#pragma once

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace chippy::test {

using TopicPartition = std::pair<std::string, std::int32_t>;

struct ConsumedRecord
{
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::string value;
};

// A librdkafka consumer in a group, polled on its own thread as the shop's workers are.
// It records what it is assigned and what it consumes; commits run on its thread.
class RdKafkaGroupMember
{
public:
    static constexpr int kPollIntervalMs = 50;

    // settings are librdkafka properties; group.id and bootstrap.servers among them.
    RdKafkaGroupMember(
        std::map<std::string, std::string> settings, std::vector<std::string> topics);
    ~RdKafkaGroupMember();
    RdKafkaGroupMember(const RdKafkaGroupMember &) = delete;
    RdKafkaGroupMember &operator=(const RdKafkaGroupMember &) = delete;

    // Empty when the consumer started; otherwise why it did not.
    const std::string &startError() const { return m_startError; }

    std::set<TopicPartition> assignment() const;
    std::vector<ConsumedRecord> records() const;
    std::size_t recordCount() const;
    // Records consumed since the latest assignment (a rebalance starts partitions over).
    std::size_t recordCountSinceAssignment() const;
    std::string memberId() const;

    // Commits the offsets of what has been consumed; waits for the broker's answer.
    rd_kafka_resp_err_t commit();
    // Leaves the group (LeaveGroup) and stops polling.
    void close();

private:
    static void onRebalance(rd_kafka_t *rk, rd_kafka_resp_err_t err,
        rd_kafka_topic_partition_list_t *partitions, void *opaque);
    void run();
    void runOnPollThread(std::function<void()> task);

    rd_kafka_t *m_rk = nullptr;
    std::string m_startError;
    std::thread m_thread;
    std::atomic<bool> m_stop {false};

    mutable std::mutex m_mutex;
    std::set<TopicPartition> m_assignment;
    std::vector<ConsumedRecord> m_records;
    std::size_t m_recordsBeforeAssignment = 0;
    std::vector<std::function<void()>> m_tasks;
};

} // namespace chippy::test
