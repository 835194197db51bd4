#pragma once

#include <cstdint>

namespace chippy::broker::big_endian {

template<typename T> void put(std::uint8_t *p, T value)
{
    const auto u = static_cast<std::uint64_t>(value);
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        p[i] = static_cast<std::uint8_t>(u >> (8 * (sizeof(T) - 1 - i)));
    }
}

template<typename T> T get(const std::uint8_t *p)
{
    std::uint64_t u = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        u = (u << 8) | p[i];
    }
    return static_cast<T>(u);
}

} // namespace chippy::broker::big_endian
