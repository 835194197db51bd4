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

std::size_t uvarintSize(std::uint64_t v)
{
    std::size_t n = 1;
    for (; v >= 0x80; v >>= 7) {
        ++n;
    }
    return n;
}

// Writes a partition's records field (bytes; compact bytes in flexible versions) with the
// batches read from the log straight into the response, or empty without a log to read.
// Returns the number of record bytes.
std::int64_t writeRecords(Writer &w, const PartitionLog *log, std::int64_t offset,
    std::int64_t limit, bool allowOversized)
{
    auto &buf = w.buffer();
    if (!w.flexible()) {
        const auto at = w.placeholder32();
        if (log) {
            log->read(offset, limit, buf, allowOversized);
        }
        const auto n = buf.size() - at - 4;
        w.patch32(at, static_cast<std::uint32_t>(n));
        return static_cast<std::int64_t>(n);
    }
    // The compact length (size + 1 as a varint) goes before the records: leave the room the
    // limit needs, and adjust it only when the size read needs another.
    const auto at = buf.size();
    const auto reserved
        = uvarintSize(static_cast<std::uint64_t>(std::max<std::int64_t>(limit, 0)) + 1);
    buf.resize(at + reserved);
    if (log) {
        log->read(offset, limit, buf, allowOversized);
    }
    const auto n = buf.size() - at - reserved;
    const auto needed = uvarintSize(n + 1);
    const auto start = buf.begin() + static_cast<std::ptrdiff_t>(at);
    if (needed < reserved) {
        buf.erase(start, start + static_cast<std::ptrdiff_t>(reserved - needed));
    } else if (needed > reserved) {
        buf.insert(start, needed - reserved, 0);
    }
    auto length = static_cast<std::uint64_t>(n) + 1;
    for (std::size_t i = at; length >= 0x80; ++i, length >>= 7) {
        buf[i] = static_cast<std::uint8_t>(length | 0x80);
    }
    buf[at + needed - 1] = static_cast<std::uint8_t>(length);
    return static_cast<std::int64_t>(n);
}

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
    w.arrayLength(req.topics.size());
    for (const auto &t : req.topics) {
        w.string(t.name);
        Topic *topic = state.topics.find(t.name);
        w.arrayLength(t.partitions.size());
        for (const auto &p : t.partitions) {
            PartitionLog *log = topic ? topic->partition(p.index) : nullptr;
            ErrorCode error = ErrorCode::None;
            if (!log) {
                error = ErrorCode::UnknownTopicOrPartition;
            } else if (p.fetchOffset < log->logStartOffset()
                || p.fetchOffset > log->logEndOffset()) {
                error = ErrorCode::OffsetOutOfRange;
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
            const std::int64_t room = std::max<std::int64_t>(0, req.maxBytes - total);
            const std::int64_t limit = std::min<std::int64_t>(p.maxBytes, room);
            // Only the first data in a response may exceed the limits, so that a batch larger
            // than them still gets through (KIP-74).
            const bool first = total == 0;
            const bool read = !failed && (limit > 0 || first);
            total += writeRecords(w, read ? log : nullptr, p.fetchOffset, limit, first);
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
