#include "cabinet/redis_portions.h"

#include "cabinet/portion_counts.h"
#include "cabinet/redis_connection.h"

#include <hiredis/hiredis.h>

namespace chippy::cabinet {

namespace {

QString replyText(const redisReply *reply)
{
    return QString::fromUtf8(reply->str, static_cast<qsizetype>(reply->len));
}

std::optional<int> countFromReply(const redisReply *reply)
{
    if (reply->type == REDIS_REPLY_INTEGER) {
        return static_cast<int>(reply->integer);
    }
    if (reply->type == REDIS_REPLY_STRING) {
        bool ok = false;
        const int count = replyText(reply).toInt(&ok);
        if (ok) {
            return count;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<Portions> portionsFromReply(
    const redisReply *reply, const QString &where, QString *error)
{
    if (const auto refused = replyError(reply); !refused.isEmpty()) {
        setError(error, QStringLiteral("Redis at %1 refused: %2").arg(where, refused));
        return std::nullopt;
    }
    if (reply->type != REDIS_REPLY_ARRAY || reply->elements % 2 != 0) {
        setError(error,
            QStringLiteral("Redis at %1 answered with something other than trays").arg(where));
        return std::nullopt;
    }
    Portions portions;
    for (size_t i = 0; i < reply->elements; i += 2) {
        const redisReply *item = reply->element[i];
        const auto count = countFromReply(reply->element[i + 1]);
        if (item->type != REDIS_REPLY_STRING || !count) {
            setError(error,
                QStringLiteral("a tray in Redis at %1 does not hold a count of portions")
                    .arg(where));
            return std::nullopt;
        }
        portions.insert(replyText(item), *count);
    }
    return portions;
}

} // namespace chippy::cabinet
