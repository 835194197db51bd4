#pragma once

#include <cstdint>
#include <memory>
#include <span>

namespace chippy::broker {

class BrokerState;
class ResponseSink;

// Decodes one request frame (size prefix stripped) and hands it to its API's handler, which
// completes the given slot of the sink. A frame that breaks the protocol closes the sink.
void dispatchRequest(BrokerState &state, const std::shared_ptr<ResponseSink> &sink,
    std::uint64_t slot, std::span<const std::uint8_t> frame);

} // namespace chippy::broker
