#pragma once

#include <cstdint>
#include <span>

namespace chippy::broker {

// CRC-32C (Castagnoli), the checksum of Kafka record batches (magic 2).
std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t crc = 0);

} // namespace chippy::broker
