#pragma once

#include <QThread>

#include <atomic>
#include <cstdint>
#include <memory>

namespace chippy::test {

// A TCP proxy in front of a broker that, on every connection, forwards responses to a chosen
// API until a number of them have passed and then cuts the connection instead of forwarding
// the next one. The request was served but the client never hears so, which is exactly when
// a producer retries. It relays on a thread of its own, so the test thread may block.
// Every request must get a response (no Produce with acks=0), or responses are misattributed.
class FaultProxy
{
public:
    FaultProxy(std::int16_t apiKey, int responsesBeforeCut);
    ~FaultProxy();
    FaultProxy(const FaultProxy &) = delete;
    FaultProxy &operator=(const FaultProxy &) = delete;

    // Listens on a free loopback port and returns it (0 on failure).
    std::uint16_t listen();
    // Where accepted connections are relayed to; set before clients connect.
    void setUpstreamPort(std::uint16_t port) { m_upstreamPort = port; }

    // How many responses to the chosen API were swallowed by a cut so far.
    int cuts() const { return m_cuts; }

private:
    class Relay;

    std::int16_t m_apiKey;
    int m_responsesBeforeCut;
    std::atomic<std::uint16_t> m_upstreamPort {0};
    std::atomic<int> m_cuts {0};
    QThread m_thread;
    Relay *m_relay = nullptr;
};

} // namespace chippy::test
