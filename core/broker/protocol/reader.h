#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace chippy::broker {

// Thrown when a request does not decode; the connection that sent it is closed.
class DecodeError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Reads Kafka wire primitives from a bounded buffer. In flexible mode strings, bytes and
// arrays use compact (unsigned varint) lengths and tagged fields are read.
class Reader
{
public:
    explicit Reader(std::span<const std::uint8_t> data, bool flexible = false)
        : m_data(data)
        , m_flexible(flexible)
    { }

    bool flexible() const { return m_flexible; }
    void setFlexible(bool flexible) { m_flexible = flexible; }
    std::size_t remaining() const { return m_data.size() - m_pos; }
    std::size_t position() const { return m_pos; }
    bool atEnd() const { return m_pos == m_data.size(); }

    std::int8_t i8();
    bool boolean() { return i8() != 0; }
    std::int16_t i16();
    std::int32_t i32();
    std::int64_t i64();
    std::uint32_t u32();
    double f64();
    std::uint32_t uvarint();
    std::int32_t varint();
    std::int64_t varlong();

    std::string string();
    std::optional<std::string> nullableString();
    std::span<const std::uint8_t> bytes();
    std::optional<std::span<const std::uint8_t>> nullableBytes();
    std::span<const std::uint8_t> raw(std::size_t n);
    void skip(std::size_t n) { raw(n); }

    // Number of elements of the next array, or -1 for a null array. Bounded by what is left,
    // so a hostile length can never make the caller reserve unbounded memory.
    std::int32_t arrayLength();

    template<typename F> void forEach(F &&readElement)
    {
        const std::int32_t n = arrayLength();
        for (std::int32_t i = 0; i < n; ++i) {
            readElement();
        }
    }

    // Skips a tagged-field section (flexible versions only; a no-op otherwise).
    void skipTags();

private:
    void need(std::size_t n) const;
    std::int32_t lengthPrefix(bool nullable);

    std::span<const std::uint8_t> m_data;
    std::size_t m_pos = 0;
    bool m_flexible;
};

} // namespace chippy::broker
