#include "cabinet/redis_cabinet.h"

#include "cabinet/cabinet_log.h"
#include "cabinet/portion_counts.h"
#include "cabinet/redis_portions.h"

#include <hiredis/hiredis.h>

namespace chippy::cabinet {

namespace {

QByteArrayList itemCounts(const Portions &portions)
{
    QByteArrayList args;
    for (auto it = portions.cbegin(); it != portions.cend(); ++it) {
        args << it.key().toUtf8() << QByteArray::number(it.value());
    }
    return args;
}

} // namespace

std::unique_ptr<RedisCabinet> RedisCabinet::open(const CabinetSettings &settings, QString *error)
{
    if (settings.timeoutMs <= 0) {
        setError(error,
            QStringLiteral("the Redis timeout must be 1 ms or more, not %1")
                .arg(settings.timeoutMs));
        return nullptr;
    }
    auto address = RedisAddress::fromSettings(settings, error);
    if (!address) {
        return nullptr;
    }
    std::unique_ptr<RedisCabinet> cabinet(
        new RedisCabinet(std::move(*address), settings.timeoutMs, settings.key.toUtf8()));
    PooledConnection connection(cabinet->m_pool, error);
    if (!connection) {
        return nullptr;
    }
    const auto where = cabinet->m_pool.address().where();
    const auto replies = connection->pipeline(
        {{"SCRIPT", "LOAD", takeScript().body}, {"SCRIPT", "LOAD", topUpScript().body},
            {"SCRIPT", "LOAD", emptyScript().body}},
        error);
    if (!replies) {
        return nullptr;
    }
    for (const auto &reply : *replies) {
        if (const auto refused = replyError(reply.get()); !refused.isEmpty()) {
            setError(error,
                QStringLiteral("Redis at %1 would not load the cabinet's scripts: %2")
                    .arg(where, refused));
            return nullptr;
        }
    }
    qCInfo(lcCabinet).noquote() << "cabinet in Redis at" << where << "hash" << cabinet->m_key;
    return cabinet;
}

RedisCabinet::RedisCabinet(RedisAddress address, int timeoutMs, QByteArray key)
    : m_pool(std::move(address), timeoutMs)
    , m_key(std::move(key))
{ }

QString RedisCabinet::describe() const
{
    return QStringLiteral("Redis at %1").arg(m_pool.address().where());
}

std::optional<TakeResult> RedisCabinet::take(const Portions &wanted, QString *error)
{
    if (!countsAreNotNegative(wanted, "take", error)) {
        return std::nullopt;
    }
    Portions nonZero;
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        if (it.value() > 0) {
            nonZero.insert(it.key(), it.value());
        }
    }
    if (nonZero.isEmpty()) {
        return TakeResult {true, {}};
    }
    auto missing = runScript(takeScript(), itemCounts(nonZero), error);
    if (!missing) {
        return std::nullopt;
    }
    return TakeResult {missing->isEmpty(), std::move(*missing)};
}

std::optional<Portions> RedisCabinet::put(const Portions &cooked, QString *error)
{
    if (!countsAreNotNegative(cooked, "put", error)) {
        return std::nullopt;
    }
    std::vector<QByteArrayList> commands;
    for (auto it = cooked.cbegin(); it != cooked.cend(); ++it) {
        commands.push_back({"HINCRBY", m_key, it.key().toUtf8(), QByteArray::number(it.value())});
    }
    commands.push_back({"HGETALL", m_key});
    const auto replies = transaction(commands, error);
    if (!replies) {
        return std::nullopt;
    }
    for (const auto &reply : *replies) {
        if (const auto refused = replyError(reply.get()); !refused.isEmpty()) {
            setError(error,
                QStringLiteral("Redis at %1 refused the portions: %2")
                    .arg(m_pool.address().where(), refused));
            return std::nullopt;
        }
    }
    return portionsFromReply(replies->back().get(), m_pool.address().where(), error);
}

std::optional<Portions> RedisCabinet::topUp(
    const Portions &atLeast, const Portions &batchSize, QString *error)
{
    if (!countsAreNotNegative(atLeast, "top up to", error)) {
        return std::nullopt;
    }
    QByteArrayList args;
    for (auto it = atLeast.cbegin(); it != atLeast.cend(); ++it) {
        const auto batch = batchFor(batchSize, it.key(), error);
        if (!batch) {
            return std::nullopt;
        }
        args << it.key().toUtf8() << QByteArray::number(it.value()) << QByteArray::number(*batch);
    }
    if (args.isEmpty()) {
        return Portions {};
    }
    return runScript(topUpScript(), args, error);
}

std::optional<Portions> RedisCabinet::contents(QString *error)
{
    PooledConnection connection(m_pool, error);
    if (!connection) {
        return std::nullopt;
    }
    const auto reply = connection->command({"HGETALL", m_key}, error);
    if (!reply) {
        return std::nullopt;
    }
    return portionsFromReply(reply->get(), m_pool.address().where(), error);
}

std::optional<Portions> RedisCabinet::empty(QString *error)
{
    return runScript(emptyScript(), {}, error);
}

std::optional<Portions> RedisCabinet::runScript(
    const RedisScript &script, const QByteArrayList &args, QString *error)
{
    PooledConnection connection(m_pool, error);
    if (!connection) {
        return std::nullopt;
    }
    const QByteArrayList evalsha = QByteArrayList {"EVALSHA", script.sha, "1", m_key} + args;
    auto reply = connection->command(evalsha, error);
    if (!reply) {
        return std::nullopt;
    }
    if (replyError(reply->get()).startsWith(QLatin1String("NOSCRIPT"))) {
        qCInfo(lcCabinet) << "Redis forgot the" << script.name << "script: loading it again";
        auto replies = connection->pipeline({{"SCRIPT", "LOAD", script.body}, evalsha}, error);
        if (!replies) {
            return std::nullopt;
        }
        reply = std::move(replies->back());
    }
    return portionsFromReply(reply->get(), m_pool.address().where(), error);
}

std::optional<std::vector<RedisReply>> RedisCabinet::transaction(
    const std::vector<QByteArrayList> &commands, QString *error)
{
    PooledConnection connection(m_pool, error);
    if (!connection) {
        return std::nullopt;
    }
    std::vector<QByteArrayList> pipeline {{"MULTI"}};
    pipeline.insert(pipeline.end(), commands.begin(), commands.end());
    pipeline.push_back({"EXEC"});
    auto replies = connection->pipeline(pipeline, error);
    if (!replies) {
        return std::nullopt;
    }
    const redisReply *exec = replies->back().get();
    if (exec->type != REDIS_REPLY_ARRAY || exec->elements != commands.size()) {
        const auto refused = replyError(exec);
        setError(error,
            QStringLiteral("Redis at %1 did not run the transaction: %2")
                .arg(m_pool.address().where(),
                    refused.isEmpty() ? QStringLiteral("no answer to EXEC") : refused));
        return std::nullopt;
    }
    // EXEC's reply owns the commands' replies: take them out before it frees them.
    std::vector<RedisReply> results;
    RedisReply execReply = std::move(replies->back());
    for (size_t i = 0; i < execReply->elements; ++i) {
        results.emplace_back(std::exchange(execReply->element[i], nullptr));
    }
    return results;
}

} // namespace chippy::cabinet
