#include "consumer_protocol.h"

#include "protocol/reader.h"

namespace chippy::broker {

// Newer versions only append fields, so every version starts with what is read here.
std::optional<ConsumerSubscription> decodeSubscription(std::span<const std::uint8_t> metadata)
{
    try {
        Reader r(metadata);
        if (r.i16() < 0) {
            return std::nullopt;
        }
        ConsumerSubscription s;
        r.forEach([&] { s.topics.push_back(r.string()); });
        return s;
    } catch (const DecodeError &) {
        return std::nullopt;
    }
}

std::optional<ConsumerAssignment> decodeAssignment(std::span<const std::uint8_t> assignment)
{
    try {
        Reader r(assignment);
        if (r.i16() < 0) {
            return std::nullopt;
        }
        ConsumerAssignment a;
        r.forEach([&] {
            auto &partitions = a[r.string()];
            r.forEach([&] { partitions.push_back(r.i32()); });
        });
        return a;
    } catch (const DecodeError &) {
        return std::nullopt;
    }
}

} // namespace chippy::broker
