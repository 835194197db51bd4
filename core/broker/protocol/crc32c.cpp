#include "crc32c.h"

#include <array>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace chippy::broker {
namespace {

constexpr std::uint32_t kPolynomial = 0x82f63b78; // reflected Castagnoli

// Slicing-by-8 tables, eight bytes per step, for processors without a CRC-32C instruction.
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

// Works on the inverted CRC, as both implementations below do.
std::uint32_t updateWithTables(std::uint32_t crc, const std::uint8_t *p, std::size_t n)
{
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
    return crc;
}

#if defined(__x86_64__)
// Three streams at once: the CRC instruction takes three cycles but can start one every cycle.
// The streams are joined by appending zeros to a CRC, done with tables (after Mark Adler).
constexpr std::size_t kLongStream = 8192;
constexpr std::size_t kShortStream = 256;

using Gf2Matrix = std::array<std::uint32_t, 32>;

constexpr std::uint32_t times(const Gf2Matrix &matrix, std::uint32_t vector)
{
    std::uint32_t sum = 0;
    for (std::size_t i = 0; vector != 0; ++i, vector >>= 1) {
        if (vector & 1) {
            sum ^= matrix[i];
        }
    }
    return sum;
}

constexpr Gf2Matrix squared(const Gf2Matrix &matrix)
{
    Gf2Matrix out {};
    for (std::size_t i = 0; i < 32; ++i) {
        out[i] = times(matrix, matrix[i]);
    }
    return out;
}

// The operator appending length zero bytes (a power of two) to a CRC register.
constexpr Gf2Matrix appendZeros(std::size_t length)
{
    Gf2Matrix op {}; // one zero bit
    op[0] = kPolynomial;
    for (std::size_t i = 1; i < 32; ++i) {
        op[i] = std::uint32_t {1} << (i - 1);
    }
    op = squared(squared(squared(op))); // one zero byte
    for (; length > 1; length >>= 1) {
        op = squared(op);
    }
    return op;
}

constexpr auto shiftTables(std::size_t length)
{
    const auto op = appendZeros(length);
    std::array<std::array<std::uint32_t, 256>, 4> t {};
    for (std::uint32_t i = 0; i < 256; ++i) {
        for (std::size_t b = 0; b < 4; ++b) {
            t[b][i] = times(op, i << (8 * b));
        }
    }
    return t;
}

constexpr auto kShiftLong = shiftTables(kLongStream);
constexpr auto kShiftShort = shiftTables(kShortStream);

std::uint32_t shift(const std::array<std::array<std::uint32_t, 256>, 4> &t, std::uint32_t crc)
{
    return t[0][crc & 0xff] ^ t[1][(crc >> 8) & 0xff] ^ t[2][(crc >> 16) & 0xff] ^ t[3][crc >> 24];
}

__attribute__((target("sse4.2"))) std::uint64_t crcWord(std::uint64_t crc, const std::uint8_t *p)
{
    std::uint64_t word;
    std::memcpy(&word, p, sizeof word);
    return _mm_crc32_u64(crc, word);
}

__attribute__((target("sse4.2"))) std::uint32_t updateThreeStreams(std::uint32_t crc,
    const std::uint8_t *&p, std::size_t &n, std::size_t stream,
    const std::array<std::array<std::uint32_t, 256>, 4> &shiftByStream)
{
    while (n >= 3 * stream) {
        std::uint64_t a = crc;
        std::uint64_t b = 0;
        std::uint64_t c = 0;
        for (const std::uint8_t *end = p + stream; p < end; p += 8) {
            a = crcWord(a, p);
            b = crcWord(b, p + stream);
            c = crcWord(c, p + 2 * stream);
        }
        crc = shift(shiftByStream, static_cast<std::uint32_t>(a)) ^ static_cast<std::uint32_t>(b);
        crc = shift(shiftByStream, crc) ^ static_cast<std::uint32_t>(c);
        p += 2 * stream;
        n -= 3 * stream;
    }
    return crc;
}

// SSE 4.2 computes CRC-32C itself, many times faster than the tables: every produced byte
// passes through here once.
__attribute__((target("sse4.2"))) std::uint32_t updateWithSse42(
    std::uint32_t crc, const std::uint8_t *p, std::size_t n)
{
    crc = updateThreeStreams(crc, p, n, kLongStream, kShiftLong);
    crc = updateThreeStreams(crc, p, n, kShortStream, kShiftShort);
    std::uint64_t wide = crc;
    for (; n >= 8; p += 8, n -= 8) {
        wide = crcWord(wide, p);
    }
    crc = static_cast<std::uint32_t>(wide);
    for (; n > 0; ++p, --n) {
        crc = _mm_crc32_u8(crc, *p);
    }
    return crc;
}

bool hasSse42()
{
    static const bool has = (__builtin_cpu_init(), __builtin_cpu_supports("sse4.2"));
    return has;
}
#endif

} // namespace

std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t crc)
{
#if defined(__x86_64__)
    if (hasSse42()) {
        return ~updateWithSse42(~crc, data.data(), data.size());
    }
#endif
    return ~updateWithTables(~crc, data.data(), data.size());
}

} // namespace chippy::broker
