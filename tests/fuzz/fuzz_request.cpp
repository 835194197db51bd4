// libFuzzer target: request frames through the broker's decoding and handlers. An input is
// one frame (size prefix stripped), or several separated by kFrameSeparator, all sent on one
// connection to one broker, so that state carries from frame to frame: a produce then a
// fetch, a join then a sync.
#include "broker_log.h"
#include "broker_state.h"
#include "server/request_dispatcher.h"
#include "server/response_sink.h"

#include <asio/io_context.hpp>

#include <algorithm>
#include <span>
#include <string_view>

namespace {

using namespace chippy::broker;

constexpr std::string_view kFrameSeparator = "\xfe\xc4\x1f\xef";
constexpr std::size_t kMaxFrames = 16;

class DiscardingSink : public ResponseSink
{
public:
    void complete(std::uint64_t, std::vector<std::uint8_t>) override { }
    void close(const std::string &) override { m_open = false; }
    bool isOpen() const override { return m_open; }
    const std::string &peer() const override { return m_peer; }
    std::uint64_t id() const override { return 1; }

private:
    bool m_open = true;
    std::string m_peer = "fuzzer";
};

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    chippy::broker::brokerLog().set_level(spdlog::level::off);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    asio::io_context io;
    BrokerConfig config;
    config.defaultPartitions = 2;
    BrokerState state(io, config);
    state.advertisedHost = "127.0.0.1";
    state.port = 9092;
    auto sink = std::make_shared<DiscardingSink>();
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    std::size_t start = 0;
    for (std::uint64_t slot = 0; slot < kMaxFrames && start <= input.size() && sink->isOpen();
         ++slot) {
        const auto end = std::min(input.find(kFrameSeparator, start), input.size());
        dispatchRequest(state, sink, slot, std::span(data + start, end - start));
        io.poll();
        start = end + kFrameSeparator.size();
    }
    return 0;
}
