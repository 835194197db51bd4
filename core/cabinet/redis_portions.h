#pragma once

#include "cabinet/cabinet.h"

struct redisReply;

namespace chippy::cabinet {

// Portions from an item, count, item, count... array (HGETALL or one of our scripts).
std::optional<Portions> portionsFromReply(
    const redisReply *reply, const QString &where, QString *error);

} // namespace chippy::cabinet
