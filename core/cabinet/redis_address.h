#pragma once

#include "cabinet/cabinet.h"

namespace chippy::cabinet {

// Where a Redis is and how to log in: from a redis:// URL and the settings' password.
struct RedisAddress
{
    QString host;
    int port = 6379;
    int db = 0;
    QString user; // empty: AUTH with the password alone
    QString password;

    // "127.0.0.1:6379", with "/db" when not 0: no user, no password.
    QString where() const;

    static std::optional<RedisAddress> fromSettings(
        const CabinetSettings &settings, QString *error);
};

} // namespace chippy::cabinet
