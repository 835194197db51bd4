#include "cabinet/redis_connection.h"

#include "cabinet/portion_counts.h"
#include "cabinet/sigpipe_guard.h"

#include <hiredis/hiredis.h>

#include <cerrno>
#include <cstring>
#include <sys/time.h>

namespace chippy::cabinet {

namespace {

timeval toTimeval(int ms)
{
    return timeval {ms / 1000, (ms % 1000) * 1000};
}

QString contextError(const redisContext *context)
{
    return QString::fromLocal8Bit(context->errstr);
}

} // namespace

void RedisReplyDeleter::operator()(redisReply *reply) const
{
    freeReplyObject(reply);
}

QString replyError(const redisReply *reply)
{
    if (!reply || reply->type != REDIS_REPLY_ERROR) {
        return {};
    }
    return QString::fromUtf8(reply->str, static_cast<qsizetype>(reply->len));
}

std::unique_ptr<RedisConnection> RedisConnection::open(
    const RedisAddress &address, int timeoutMs, QString *error)
{
    const auto timeout = toTimeval(timeoutMs);
    redisContext *context
        = redisConnectWithTimeout(address.host.toUtf8().constData(), address.port, timeout);
    if (!context) {
        setError(
            error, QStringLiteral("Redis unreachable at %1: out of memory").arg(address.where()));
        return nullptr;
    }
    if (context->err) {
        setError(error,
            QStringLiteral("Redis unreachable at %1: %2")
                .arg(address.where(), contextError(context)));
        redisFree(context);
        return nullptr;
    }
    std::unique_ptr<RedisConnection> connection(
        new RedisConnection(context, address.where(), timeoutMs));
    if (redisSetTimeout(context, timeout) != REDIS_OK) {
        setError(error, connection->failure());
        return nullptr;
    }

    std::vector<QByteArrayList> login;
    if (!address.password.isEmpty()) {
        login.push_back(address.user.isEmpty()
                ? QByteArrayList {"AUTH", address.password.toUtf8()}
                : QByteArrayList {"AUTH", address.user.toUtf8(), address.password.toUtf8()});
    }
    login.push_back({"SELECT", QByteArray::number(address.db)});
    const auto replies = connection->pipeline(login, error);
    if (!replies) {
        return nullptr;
    }
    for (const auto &reply : *replies) {
        const auto refused = replyError(reply.get());
        if (refused.isEmpty()) {
            continue;
        }
        const bool aboutPassword = refused.startsWith(QLatin1String("WRONGPASS"))
            || refused.startsWith(QLatin1String("NOAUTH"))
            || refused.contains(QLatin1String("password"), Qt::CaseInsensitive);
        setError(error,
            aboutPassword
                ? QStringLiteral("Redis at %1 refused the login: %2").arg(address.where(), refused)
                : QStringLiteral("Redis at %1 refused the connection: %2")
                      .arg(address.where(), refused));
        return nullptr;
    }
    return connection;
}

RedisConnection::RedisConnection(redisContext *context, QString where, int timeoutMs)
    : m_context(context)
    , m_where(std::move(where))
    , m_timeoutMs(timeoutMs)
{ }

RedisConnection::~RedisConnection()
{
    redisFree(m_context);
}

QString RedisConnection::failure() const
{
    if (m_context->err == REDIS_ERR_IO
        && std::strcmp(m_context->errstr, std::strerror(EAGAIN)) == 0) {
        return QStringLiteral("Redis at %1 did not answer within %2 ms")
            .arg(m_where)
            .arg(m_timeoutMs);
    }
    return QStringLiteral("Redis at %1 stopped answering: %2")
        .arg(m_where, contextError(m_context));
}

std::optional<std::vector<RedisReply>> RedisConnection::pipeline(
    const std::vector<QByteArrayList> &commands, QString *error)
{
    if (m_broken) {
        setError(error, failure());
        return std::nullopt;
    }
    const SigpipeGuard noSigpipe;
    for (const auto &args : commands) {
        std::vector<const char *> argv;
        std::vector<size_t> argvlen;
        argv.reserve(args.size());
        argvlen.reserve(args.size());
        for (const auto &arg : args) {
            argv.push_back(arg.constData());
            argvlen.push_back(static_cast<size_t>(arg.size()));
        }
        if (redisAppendCommandArgv(
                m_context, static_cast<int>(args.size()), argv.data(), argvlen.data())
            != REDIS_OK) {
            m_broken = true;
            setError(error, failure());
            return std::nullopt;
        }
    }
    std::vector<RedisReply> replies;
    replies.reserve(commands.size());
    for (size_t i = 0; i < commands.size(); ++i) {
        void *reply = nullptr;
        if (redisGetReply(m_context, &reply) != REDIS_OK || !reply) {
            m_broken = true;
            setError(error, failure());
            return std::nullopt;
        }
        replies.emplace_back(static_cast<redisReply *>(reply));
    }
    return replies;
}

std::optional<RedisReply> RedisConnection::command(const QByteArrayList &args, QString *error)
{
    auto replies = pipeline({args}, error);
    if (!replies) {
        return std::nullopt;
    }
    return std::move(replies->front());
}

} // namespace chippy::cabinet
