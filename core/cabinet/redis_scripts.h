#pragma once

#include <QByteArray>

namespace chippy::cabinet {

// A Lua script Redis runs atomically, and the SHA1 that EVALSHA names it by.
struct RedisScript
{
    const char *name;
    QByteArray body;
    QByteArray sha;
};

// KEYS[1] the trays; ARGV item, count, item, count...: takes every count or nothing, and
// returns item, missing, ... for each tray that was short (nothing when it took).
const RedisScript &takeScript();

// KEYS[1] the trays; ARGV item, atLeast, batch, ...: adds whole batches to each tray below
// atLeast until it holds at least that, and returns item, added, ... for every item.
const RedisScript &topUpScript();

// KEYS[1] the trays: deletes them and returns item, count, ... of what they held; leaves them
// when one holds no count.
const RedisScript &emptyScript();

} // namespace chippy::cabinet
