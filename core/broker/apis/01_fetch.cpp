#include "api.h"
#include "broker_state.h"
#include "protocol/error_code.h"

#include <asio/steady_timer.hpp>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

namespace chippy::broker {
namespace {

constexpr std::int32_t kMaxWaitCapMs = 30000;
constexpr std::int8_t kReadCommitted = 1;
// What Kafka answers for a partition it cannot read: no offsets known.
constexpr std::int64_t kUnknownOffset = -1;

struct FetchPartition
{
    std::int32_t index;
    std::int64_t fetchOffset;
    std::int32_t maxBytes;
};

struct FetchTopic
{
    std::string name;
    std::vector<FetchPartition> partitions;
};

struct FetchRequest
{
    std::int16_t version = 0;
    std::int32_t maxWaitMs = 0;
    std::int32_t minBytes = 0;
    std::int32_t maxBytes = INT32_MAX;
    std::int8_t isolationLevel = 0;
    std::vector<FetchTopic> topics;
};

FetchRequest decode(const RequestHeader &header, Reader &body)
{
    FetchRequest req;
    const auto v = header.apiVersion;
    req.version = v;
    body.i32(); // replica id
    req.maxWaitMs = body.i32();
    req.minBytes = body.i32();
    if (v >= 3) {
        req.maxBytes = body.i32();
    }
    if (v >= 4) {
        // Nothing here is transactional, so both levels read the same records; the level only
        // decides whether the aborted-transactions list is given (read_committed) or null.
        req.isolationLevel = body.i8();
    }
    if (v >= 7) {
        body.i32(); // session id: we answer full responses without sessions
        body.i32(); // session epoch
    }
    body.forEach([&] {
        FetchTopic t;
        t.name = body.string();
        body.forEach([&] {
            FetchPartition p {};
            p.index = body.i32();
            if (v >= 9) {
                body.i32(); // current leader epoch
            }
            p.fetchOffset = body.i64();
            if (v >= 12) {
                body.i32(); // last fetched epoch
            }
            if (v >= 5) {
                body.i64(); // follower's log start offset
            }
            p.maxBytes = body.i32();
            body.skipTags();
            t.partitions.push_back(p);
        });
        body.skipTags();
        req.topics.push_back(std::move(t));
    });
    if (v >= 7) {
        body.forEach([&] { // forgotten topics (sessions only)
            body.string();
            body.forEach([&] { body.i32(); });
            body.skipTags();
        });
    }
    if (v >= 11) {
        body.string(); // rack id
    }
    body.skipTags();
    return req;
}

struct Built
{
    std::int64_t bytes = 0;
    bool anyError = false;

    // Answer now rather than wait: enough data, or something the client must hear about.
    bool ready(const FetchRequest &req) const { return anyError || bytes >= req.minBytes; }
};

// Builds the response from the log as it is now.
Built buildResponse(BrokerState &state, const FetchRequest &req, Writer &w)
{
    const auto v = req.version;
    if (v >= 1) {
        w.i32(0); // throttle time
    }
    if (v >= 7) {
        w.i16(0);
        w.i32(0); // session id 0: no fetch session was created
    }
    std::int64_t total = 0;
    bool anyError = false;
    std::vector<std::uint8_t> records;
    w.arrayLength(req.topics.size());
    for (const auto &t : req.topics) {
        w.string(t.name);
        Topic *topic = state.topics.find(t.name);
        w.arrayLength(t.partitions.size());
        for (const auto &p : t.partitions) {
            PartitionLog *log = topic ? topic->partition(p.index) : nullptr;
            ErrorCode error = ErrorCode::None;
            records.clear();
            if (!log) {
                error = ErrorCode::UnknownTopicOrPartition;
            } else if (p.fetchOffset < log->logStartOffset()
                || p.fetchOffset > log->logEndOffset()) {
                error = ErrorCode::OffsetOutOfRange;
            } else {
                const std::int64_t room = std::max<std::int64_t>(0, req.maxBytes - total);
                const std::int64_t limit = std::min<std::int64_t>(p.maxBytes, room);
                // Only the first data in a response may exceed the limits, so that a batch
                // larger than them still gets through (KIP-74).
                if (limit > 0 || total == 0) {
                    log->read(p.fetchOffset, limit, records, total == 0);
                }
                total += static_cast<std::int64_t>(records.size());
            }
            const bool failed = error != ErrorCode::None;
            anyError = anyError || failed;
            // Like Kafka, a partition in error tells no offsets.
            const std::int64_t end = failed ? kUnknownOffset : log->logEndOffset();
            w.i32(p.index);
            w.i16(code(error));
            w.i64(end); // high watermark: a single replica commits at once
            if (v >= 4) {
                w.i64(end); // last stable offset
            }
            if (v >= 5) {
                w.i64(failed ? kUnknownOffset : log->logStartOffset());
            }
            if (v >= 4) {
                // Aborted transactions: none. Kafka lists them (an empty list) for read_committed
                // readers of a partition it has, and for a partition it does not know; otherwise
                // null.
                const bool unknown = error == ErrorCode::UnknownTopicOrPartition;
                if (unknown || (!failed && req.isolationLevel == kReadCommitted)) {
                    w.arrayLength(0);
                } else {
                    w.nullArray();
                }
            }
            if (v >= 11) {
                w.i32(-1); // preferred read replica
            }
            w.bytes(records);
            w.tags();
        }
        w.tags();
    }
    w.tags();
    return {total, anyError};
}

// A fetch that waits for min bytes: re-evaluated when data arrives, answered at the deadline.
class DelayedFetch : public std::enable_shared_from_this<DelayedFetch>
{
public:
    DelayedFetch(BrokerState &state, FetchRequest req, Responder respond)
        : m_state(state)
        , m_req(std::move(req))
        , m_respond(std::move(respond))
        , m_timer(state.io)
    { }

    void start()
    {
        m_waiter = m_state.dataNotifier.add([weak = weak_from_this()] {
            if (auto self = weak.lock()) {
                self->retry();
            }
        });
        m_timer.expires_after(std::chrono::milliseconds(std::min(m_req.maxWaitMs, kMaxWaitCapMs)));
        m_timer.async_wait([self = shared_from_this()](asio::error_code ec) {
            if (!ec) {
                self->finish(false);
            }
        });
    }

private:
    void retry()
    {
        if (!m_respond.connected()) {
            finish(true);
            return;
        }
        Writer w = m_respond.writer();
        if (buildResponse(m_state, m_req, w).ready(m_req)) {
            done(std::move(w));
        }
    }

    void finish(bool dropped)
    {
        if (m_done) {
            return;
        }
        if (dropped) {
            m_done = true;
            m_state.dataNotifier.remove(m_waiter);
            m_timer.cancel();
            return;
        }
        Writer w = m_respond.writer();
        buildResponse(m_state, m_req, w);
        done(std::move(w));
    }

    void done(Writer &&w)
    {
        m_done = true;
        m_state.dataNotifier.remove(m_waiter);
        m_timer.cancel();
        m_respond.send(std::move(w));
    }

    BrokerState &m_state;
    FetchRequest m_req;
    Responder m_respond;
    asio::steady_timer m_timer;
    DataNotifier::Handle m_waiter;
    bool m_done = false;
};

void handleFetch(BrokerState &state, const RequestHeader &header, Reader &body, Responder respond)
{
    FetchRequest req = decode(header, body);
    Writer w = respond.writer();
    if (buildResponse(state, req, w).ready(req) || req.maxWaitMs <= 0) {
        respond.send(std::move(w));
        return;
    }
    std::make_shared<DelayedFetch>(state, std::move(req), std::move(respond))->start();
}

} // namespace

extern const ApiSpec kFetchApi {ApiKey::Fetch, "Fetch", 0, 12, 12, &handleFetch};

} // namespace chippy::broker
