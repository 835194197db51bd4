#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace chippy::broker {

class SaslSession;

// Where a request's response goes: a client connection, or a test harness.
class ResponseSink
{
public:
    virtual ~ResponseSink() = default;

    // frame is the complete response (size prefix included), or empty for no response.
    virtual void complete(std::uint64_t slot, std::vector<std::uint8_t> frame) = 0;
    virtual void close(const std::string &reason) = 0;
    virtual bool isOpen() const = 0;
    virtual const std::string &peer() const = 0;
    virtual std::uint64_t id() const = 0;
    // The connection's authentication; null where clients need not authenticate.
    virtual SaslSession *sasl() { return nullptr; }
};

} // namespace chippy::broker
