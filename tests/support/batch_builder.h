#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace chippy::test {

struct TestRecord
{
    std::string key;
    std::string value;
    std::int64_t timestamp = 0;
};

// Builds an uncompressed v2 record batch with a correct CRC, as a producer would send it.
std::vector<std::uint8_t> buildBatch(const std::vector<TestRecord> &records,
    std::int64_t producerId = -1, std::int16_t producerEpoch = -1, std::int32_t baseSequence = -1);

} // namespace chippy::test
