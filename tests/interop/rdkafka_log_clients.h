#pragma once

#include <librdkafka/rdkafka.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chippy::test {

struct RdKafkaDestroyer
{
    void operator()(rd_kafka_t *rk) const { rd_kafka_destroy(rk); }
};
using RdKafkaHandle = std::unique_ptr<rd_kafka_t, RdKafkaDestroyer>;

// What a delivery report said about the message produced with index as its opaque.
struct Delivery
{
    std::int64_t index = -1;
    std::int32_t partition = -1;
    std::int64_t offset = -1;
    rd_kafka_resp_err_t error = RD_KAFKA_RESP_ERR_NO_ERROR;
};

// A producer whose delivery reports land in deliveries (on the thread that polls it).
RdKafkaHandle makeProducer(const std::map<std::string, std::string> &settings,
    std::vector<Delivery> &deliveries, std::string &error);

// Queues value under key; the delivery report carries index. False when librdkafka refuses.
bool produce(rd_kafka_t *producer, const std::string &topic, const std::string &key,
    const std::string &value, std::int64_t index);

struct ReadRecord
{
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::string value;
};

// One partition read by a plain (group-less) librdkafka consumer, as a person seeking to a
// position does: assigned at start (an offset, or RD_KAFKA_OFFSET_BEGINNING / END), with
// auto.offset.reset deciding where a start outside the log leads.
class PartitionReader
{
public:
    PartitionReader(const std::string &bootstrap, const std::string &topic, std::int32_t partition,
        std::int64_t start, const std::string &autoOffsetReset);
    ~PartitionReader();

    // Empty when the consumer started; otherwise why it did not.
    const std::string &error() const { return m_error; }

    // Polls until the record before untilOffset has arrived or timeoutMs has passed, and
    // returns every record read so far.
    const std::vector<ReadRecord> &readUntil(std::int64_t untilOffset, int timeoutMs);

private:
    RdKafkaHandle m_consumer;
    std::string m_error;
    std::vector<ReadRecord> m_records;
};

// Creates a topic through the admin API; returns why not, or an empty string.
std::string createTopic(const std::string &bootstrap, const std::string &name, int partitions,
    const std::map<std::string, std::string> &configs, int timeoutMs);

// The low and high watermarks of a partition, or {-1, -1} when the broker does not answer.
std::pair<std::int64_t, std::int64_t> watermarks(
    const std::string &bootstrap, const std::string &topic, std::int32_t partition, int timeoutMs);

} // namespace chippy::test
