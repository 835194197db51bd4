#pragma once

#include "cabinet/redis_connection.h"

#include <mutex>

namespace chippy::cabinet {

// Connections to one Redis, one per caller at a time, so that preparers on many threads take
// at once. A connection that broke is dropped with every idle one (a restarted Redis closed
// them all), and the next caller connects anew.
class RedisConnectionPool
{
public:
    RedisConnectionPool(RedisAddress address, int timeoutMs);

    std::unique_ptr<RedisConnection> acquire(QString *error);
    void release(std::unique_ptr<RedisConnection> connection);

    const RedisAddress &address() const { return m_address; }

private:
    // Logs when Redis goes away and when it is back, not on every call in between.
    void noteReachable(bool reachable, const QString &error);

    static constexpr size_t kMaxIdle = 16;

    const RedisAddress m_address;
    const int m_timeoutMs;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<RedisConnection>> m_idle;
    bool m_reachable = true;
};

// A connection from the pool for one call; back to the pool at the end of it.
class PooledConnection
{
public:
    PooledConnection(RedisConnectionPool &pool, QString *error)
        : m_pool(pool)
        , m_connection(pool.acquire(error))
    { }
    ~PooledConnection() { m_pool.release(std::move(m_connection)); }
    PooledConnection(const PooledConnection &) = delete;
    PooledConnection &operator=(const PooledConnection &) = delete;

    explicit operator bool() const { return m_connection != nullptr; }
    RedisConnection *operator->() const { return m_connection.get(); }
    RedisConnection &operator*() const { return *m_connection; }

private:
    RedisConnectionPool &m_pool;
    std::unique_ptr<RedisConnection> m_connection;
};

} // namespace chippy::cabinet
