#include "crc32c.h"

#include <array>

namespace chippy::broker {
namespace {

constexpr std::uint32_t kPolynomial = 0x82f63b78; // reflected Castagnoli

// Slicing-by-8 tables: eight bytes per step keep produce validation off the profile.
constexpr auto makeTables()
{
    std::array<std::array<std::uint32_t, 256>, 8> t {};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) {
            c = (c & 1) ? (c >> 1) ^ kPolynomial : c >> 1;
        }
        t[0][i] = c;
    }
    for (std::uint32_t i = 0; i < 256; ++i) {
        for (int s = 1; s < 8; ++s) {
            t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
        }
    }
    return t;
}

constexpr auto kTables = makeTables();

} // namespace

std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t crc)
{
    crc = ~crc;
    const std::uint8_t *p = data.data();
    std::size_t n = data.size();
    while (n >= 8) {
        const std::uint32_t lo = crc
            ^ (std::uint32_t(p[0]) | std::uint32_t(p[1]) << 8 | std::uint32_t(p[2]) << 16
                | std::uint32_t(p[3]) << 24);
        crc = kTables[7][lo & 0xff] ^ kTables[6][(lo >> 8) & 0xff] ^ kTables[5][(lo >> 16) & 0xff]
            ^ kTables[4][lo >> 24] ^ kTables[3][p[4]] ^ kTables[2][p[5]] ^ kTables[1][p[6]]
            ^ kTables[0][p[7]];
        p += 8;
        n -= 8;
    }
    while (n-- > 0) {
        crc = (crc >> 8) ^ kTables[0][(crc ^ *p++) & 0xff];
    }
    return ~crc;
}

} // namespace chippy::broker
