#pragma once

#include "cabinet/redis_address.h"

#include <QByteArrayList>

#include <memory>
#include <vector>

struct redisContext;
struct redisReply;

namespace chippy::cabinet {

struct RedisReplyDeleter
{
    void operator()(redisReply *reply) const;
};
using RedisReply = std::unique_ptr<redisReply, RedisReplyDeleter>;

// One logged-in hiredis connection, used by one thread at a time. A failure to talk to Redis
// leaves it broken(); an error reply from Redis does not.
class RedisConnection
{
public:
    // Connects, logs in and selects the database, each within timeoutMs.
    static std::unique_ptr<RedisConnection> open(
        const RedisAddress &address, int timeoutMs, QString *error);
    ~RedisConnection();
    RedisConnection(const RedisConnection &) = delete;
    RedisConnection &operator=(const RedisConnection &) = delete;

    // Sends the commands in one write and reads a reply to each; nothing, with the reason,
    // when the connection failed.
    std::optional<std::vector<RedisReply>> pipeline(
        const std::vector<QByteArrayList> &commands, QString *error);
    std::optional<RedisReply> command(const QByteArrayList &args, QString *error);

    bool broken() const { return m_broken; }

private:
    RedisConnection(redisContext *context, QString where, int timeoutMs);
    // The context's error in words.
    QString failure() const;

    redisContext *m_context;
    QString m_where;
    int m_timeoutMs;
    bool m_broken = false;
};

// The text of an error reply, empty for any other reply.
QString replyError(const redisReply *reply);

} // namespace chippy::cabinet
