#include "writer.h"

#include <bit>

namespace chippy::broker {

void Writer::i16(std::int16_t v)
{
    const auto u = static_cast<std::uint16_t>(v);
    m_buf.push_back(static_cast<std::uint8_t>(u >> 8));
    m_buf.push_back(static_cast<std::uint8_t>(u));
}

void Writer::u32(std::uint32_t v)
{
    for (int shift = 24; shift >= 0; shift -= 8) {
        m_buf.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

void Writer::i32(std::int32_t v)
{
    u32(static_cast<std::uint32_t>(v));
}

void Writer::i64(std::int64_t v)
{
    const auto u = static_cast<std::uint64_t>(v);
    for (int shift = 56; shift >= 0; shift -= 8) {
        m_buf.push_back(static_cast<std::uint8_t>(u >> shift));
    }
}

void Writer::f64(double v)
{
    i64(static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(v)));
}

void Writer::uvarint(std::uint32_t v)
{
    while (v >= 0x80) {
        m_buf.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    m_buf.push_back(static_cast<std::uint8_t>(v));
}

void Writer::varint(std::int32_t v)
{
    uvarint((static_cast<std::uint32_t>(v) << 1) ^ static_cast<std::uint32_t>(v >> 31));
}

void Writer::varlong(std::int64_t v)
{
    auto u = (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
    while (u >= 0x80) {
        m_buf.push_back(static_cast<std::uint8_t>(u | 0x80));
        u >>= 7;
    }
    m_buf.push_back(static_cast<std::uint8_t>(u));
}

void Writer::string(std::string_view s)
{
    if (m_flexible) {
        uvarint(static_cast<std::uint32_t>(s.size() + 1));
    } else {
        i16(static_cast<std::int16_t>(s.size()));
    }
    m_buf.insert(m_buf.end(), s.begin(), s.end());
}

void Writer::nullableString(const std::optional<std::string> &s)
{
    if (s) {
        string(*s);
    } else {
        nullString();
    }
}

void Writer::nullString()
{
    if (m_flexible) {
        uvarint(0);
    } else {
        i16(-1);
    }
}

void Writer::bytes(std::span<const std::uint8_t> b)
{
    if (m_flexible) {
        uvarint(static_cast<std::uint32_t>(b.size() + 1));
    } else {
        i32(static_cast<std::int32_t>(b.size()));
    }
    raw(b);
}

void Writer::nullBytes()
{
    if (m_flexible) {
        uvarint(0);
    } else {
        i32(-1);
    }
}

void Writer::arrayLength(std::size_t n)
{
    if (m_flexible) {
        uvarint(static_cast<std::uint32_t>(n + 1));
    } else {
        i32(static_cast<std::int32_t>(n));
    }
}

void Writer::nullArray()
{
    if (m_flexible) {
        uvarint(0);
    } else {
        i32(-1);
    }
}

std::size_t Writer::placeholder32()
{
    const auto at = m_buf.size();
    m_buf.insert(m_buf.end(), 4, 0);
    return at;
}

void Writer::patch32(std::size_t at, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i) {
        m_buf[at + i] = static_cast<std::uint8_t>(v >> (24 - 8 * i));
    }
}

} // namespace chippy::broker
