// libFuzzer target: one arbitrary frame through the broker's request decoding and handlers.
#include "broker_log.h"
#include "broker_state.h"
#include "server/request_dispatcher.h"
#include "server/response_sink.h"

#include <asio/io_context.hpp>

#include <span>

namespace {

using namespace chippy::broker;

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
    dispatchRequest(state, sink, 0, std::span(data, size));
    io.poll();
    return 0;
}
