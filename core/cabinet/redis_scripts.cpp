#include "cabinet/redis_scripts.h"

#include <QCryptographicHash>

namespace chippy::cabinet {

namespace {

RedisScript makeScript(const char *name, const char *body)
{
    const QByteArray text(body);
    return {name, text, QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex()};
}

} // namespace

const RedisScript &takeScript()
{
    static const auto script = makeScript("take", R"lua(
local missing = {}
for i = 1, #ARGV, 2 do
    local have = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
    local want = tonumber(ARGV[i + 1])
    if have < want then
        missing[#missing + 1] = ARGV[i]
        missing[#missing + 1] = want - have
    end
end
if #missing == 0 then
    for i = 1, #ARGV, 2 do
        redis.call('HINCRBY', KEYS[1], ARGV[i], -tonumber(ARGV[i + 1]))
    end
end
return missing
)lua");
    return script;
}

const RedisScript &topUpScript()
{
    static const auto script = makeScript("top-up", R"lua(
local added = {}
for i = 1, #ARGV, 3 do
    local have = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
    local atLeast = tonumber(ARGV[i + 1])
    local batch = tonumber(ARGV[i + 2])
    local add = 0
    if have < atLeast then
        add = math.ceil((atLeast - have) / batch) * batch
        redis.call('HINCRBY', KEYS[1], ARGV[i], add)
    end
    added[#added + 1] = ARGV[i]
    added[#added + 1] = add
end
return added
)lua");
    return script;
}

const RedisScript &emptyScript()
{
    static const auto script = makeScript("empty", R"lua(
local trays = redis.call('HGETALL', KEYS[1])
for i = 2, #trays, 2 do
    if not tonumber(trays[i]) then
        return redis.error_reply('the ' .. trays[i - 1] .. ' tray holds no count: ' .. trays[i])
    end
end
redis.call('DEL', KEYS[1])
return trays
)lua");
    return script;
}

} // namespace chippy::cabinet
