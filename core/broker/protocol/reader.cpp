#include "reader.h"

#include <bit>
#include <cstring>

namespace chippy::broker {

void Reader::need(std::size_t n) const
{
    if (n > remaining()) {
        throw DecodeError(
            "truncated: needs " + std::to_string(n) + " bytes, has " + std::to_string(remaining()));
    }
}

std::span<const std::uint8_t> Reader::raw(std::size_t n)
{
    need(n);
    auto out = m_data.subspan(m_pos, n);
    m_pos += n;
    return out;
}

std::int8_t Reader::i8()
{
    need(1);
    return static_cast<std::int8_t>(m_data[m_pos++]);
}

std::int16_t Reader::i16()
{
    need(2);
    const auto v = static_cast<std::uint16_t>((m_data[m_pos] << 8) | m_data[m_pos + 1]);
    m_pos += 2;
    return static_cast<std::int16_t>(v);
}

std::uint32_t Reader::u32()
{
    need(4);
    std::uint32_t v = 0;
    for (int i = 0; i < 4; ++i) {
        v = (v << 8) | m_data[m_pos++];
    }
    return v;
}

std::int32_t Reader::i32()
{
    return static_cast<std::int32_t>(u32());
}

std::int64_t Reader::i64()
{
    need(8);
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) {
        v = (v << 8) | m_data[m_pos++];
    }
    return static_cast<std::int64_t>(v);
}

double Reader::f64()
{
    return std::bit_cast<double>(static_cast<std::uint64_t>(i64()));
}

std::uint32_t Reader::uvarint()
{
    std::uint32_t value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        const auto byte = static_cast<std::uint8_t>(i8());
        value |= static_cast<std::uint32_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            return value;
        }
    }
    throw DecodeError("varint is longer than 5 bytes");
}

std::int32_t Reader::varint()
{
    const std::uint32_t v = uvarint();
    return static_cast<std::int32_t>((v >> 1) ^ -(v & 1));
}

std::int64_t Reader::varlong()
{
    std::uint64_t value = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        const auto byte = static_cast<std::uint8_t>(i8());
        value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) {
            return static_cast<std::int64_t>((value >> 1) ^ -(value & 1));
        }
    }
    throw DecodeError("varlong is longer than 10 bytes");
}

std::int32_t Reader::lengthPrefix(bool nullable)
{
    std::int64_t n;
    if (m_flexible) {
        n = static_cast<std::int64_t>(uvarint()) - 1;
    } else {
        n = i16();
    }
    if (n < -1 || (n == -1 && !nullable)) {
        throw DecodeError("invalid string length " + std::to_string(n));
    }
    // A compact length reaches 2^32 - 2: checked here, before it could pass for -1 in 32 bits.
    if (n > static_cast<std::int64_t>(remaining())) {
        throw DecodeError("string length " + std::to_string(n) + " exceeds the request");
    }
    return static_cast<std::int32_t>(n);
}

std::string Reader::string()
{
    const auto n = lengthPrefix(false);
    const auto bytes = raw(static_cast<std::size_t>(n));
    return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
}

std::optional<std::string> Reader::nullableString()
{
    const auto n = lengthPrefix(true);
    if (n < 0) {
        return std::nullopt;
    }
    const auto bytes = raw(static_cast<std::size_t>(n));
    return std::string(reinterpret_cast<const char *>(bytes.data()), bytes.size());
}

std::optional<std::span<const std::uint8_t>> Reader::nullableBytes()
{
    std::int64_t n = m_flexible ? static_cast<std::int64_t>(uvarint()) - 1 : i32();
    if (n < -1) {
        throw DecodeError("invalid bytes length " + std::to_string(n));
    }
    if (n == -1) {
        return std::nullopt;
    }
    return raw(static_cast<std::size_t>(n));
}

std::span<const std::uint8_t> Reader::bytes()
{
    auto b = nullableBytes();
    return b ? *b : std::span<const std::uint8_t> {};
}

std::int32_t Reader::arrayLength()
{
    std::int64_t n = m_flexible ? static_cast<std::int64_t>(uvarint()) - 1 : i32();
    if (n < -1) {
        throw DecodeError("invalid array length " + std::to_string(n));
    }
    // Every element takes at least one byte on the wire.
    if (n > static_cast<std::int64_t>(remaining())) {
        throw DecodeError("array length " + std::to_string(n) + " exceeds the request");
    }
    return static_cast<std::int32_t>(n);
}

void Reader::skipTags()
{
    if (!m_flexible) {
        return;
    }
    const std::uint32_t count = uvarint();
    for (std::uint32_t i = 0; i < count; ++i) {
        uvarint(); // tag
        skip(uvarint());
    }
}

} // namespace chippy::broker
