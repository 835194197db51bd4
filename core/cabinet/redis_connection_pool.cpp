#include "cabinet/redis_connection_pool.h"

#include "cabinet/cabinet_log.h"

namespace chippy::cabinet {

RedisConnectionPool::RedisConnectionPool(RedisAddress address, int timeoutMs)
    : m_address(std::move(address))
    , m_timeoutMs(timeoutMs)
{ }

std::unique_ptr<RedisConnection> RedisConnectionPool::acquire(QString *error)
{
    {
        const std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto connection = std::move(m_idle.back());
            m_idle.pop_back();
            return connection;
        }
    }
    QString why;
    auto connection = RedisConnection::open(m_address, m_timeoutMs, &why);
    noteReachable(connection != nullptr, why);
    if (!connection && error) {
        *error = why;
    }
    return connection;
}

void RedisConnectionPool::release(std::unique_ptr<RedisConnection> connection)
{
    if (!connection) {
        return;
    }
    const std::lock_guard lock(m_mutex);
    if (connection->broken()) {
        m_idle.clear();
    } else if (m_idle.size() < kMaxIdle) {
        m_idle.push_back(std::move(connection));
    }
}

void RedisConnectionPool::noteReachable(bool reachable, const QString &error)
{
    const std::lock_guard lock(m_mutex);
    if (reachable == m_reachable) {
        return;
    }
    m_reachable = reachable;
    if (reachable) {
        qCInfo(lcCabinet).noquote() << "Redis at" << m_address.where() << "answers again";
    } else {
        qCWarning(lcCabinet).noquote() << error;
    }
}

} // namespace chippy::cabinet
