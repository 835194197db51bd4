#pragma once

#include "cabinet/cabinet.h"
#include "cabinet/redis_connection_pool.h"
#include "cabinet/redis_scripts.h"

namespace chippy::cabinet {

// The trays as one Redis hash: take, top-up and empty are Lua scripts, so each is one atomic step
// however many preparers and cooks share the cabinet.
class RedisCabinet final : public Cabinet
{
public:
    // Connects, logs in and loads the scripts, so that a wrong address or password shows now.
    static std::unique_ptr<RedisCabinet> open(const CabinetSettings &settings, QString *error);

    QString describe() const override;
    std::optional<TakeResult> take(const Portions &wanted, QString *error) override;
    std::optional<Portions> put(const Portions &cooked, QString *error) override;
    std::optional<Portions> topUp(
        const Portions &atLeast, const Portions &batchSize, QString *error) override;
    std::optional<Portions> contents(QString *error) override;
    std::optional<Portions> empty(QString *error) override;

private:
    RedisCabinet(RedisAddress address, int timeoutMs, QByteArray key);

    // EVALSHA on the trays; loads the script again when Redis answers NOSCRIPT (after a
    // restart or SCRIPT FLUSH). Portions from the script's item, count... reply.
    std::optional<Portions> runScript(
        const RedisScript &script, const QByteArrayList &args, QString *error);
    // MULTI, the commands, EXEC: the reply of each command.
    std::optional<std::vector<RedisReply>> transaction(
        const std::vector<QByteArrayList> &commands, QString *error);

    RedisConnectionPool m_pool;
    const QByteArray m_key;
};

} // namespace chippy::cabinet
