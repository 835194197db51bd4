#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chippy::broker {

// Appends Kafka wire primitives to a growing buffer. In flexible mode strings, bytes and
// arrays use compact lengths and structs end with an (empty) tagged-field section.
class Writer
{
public:
    explicit Writer(bool flexible = false)
        : m_flexible(flexible)
    { }

    bool flexible() const { return m_flexible; }
    void setFlexible(bool flexible) { m_flexible = flexible; }

    void i8(std::int8_t v) { m_buf.push_back(static_cast<std::uint8_t>(v)); }
    void boolean(bool v) { i8(v ? 1 : 0); }
    void i16(std::int16_t v);
    void i32(std::int32_t v);
    void u32(std::uint32_t v);
    void i64(std::int64_t v);
    void f64(double v);
    void uvarint(std::uint32_t v);
    void varint(std::int32_t v);
    void varlong(std::int64_t v);

    void string(std::string_view s);
    void nullableString(const std::optional<std::string> &s);
    void nullString();
    void bytes(std::span<const std::uint8_t> b);
    void nullBytes();
    void raw(std::span<const std::uint8_t> b) { m_buf.insert(m_buf.end(), b.begin(), b.end()); }
    void arrayLength(std::size_t n);
    void nullArray();
    // An empty tagged-field section (flexible versions only; a no-op otherwise).
    void tags()
    {
        if (m_flexible) {
            uvarint(0);
        }
    }

    // Reserves four bytes to be filled later, e.g. with a length or a CRC.
    std::size_t placeholder32();
    void patch32(std::size_t at, std::uint32_t v);

    std::size_t size() const { return m_buf.size(); }
    std::vector<std::uint8_t> &buffer() { return m_buf; }
    std::vector<std::uint8_t> take() { return std::move(m_buf); }

private:
    std::vector<std::uint8_t> m_buf;
    bool m_flexible;
};

} // namespace chippy::broker
