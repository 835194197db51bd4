#include "cabinet/redis_address.h"

#include "cabinet/portion_counts.h"

#include <QUrl>

namespace chippy::cabinet {

namespace {

constexpr int kDefaultPort = 6379;

// The URL without user or password, for messages.
QString withoutPassword(const QString &url)
{
    return QUrl(url).toDisplayString(QUrl::RemoveUserInfo);
}

} // namespace

QString RedisAddress::where() const
{
    const auto hostPort = QStringLiteral("%1:%2").arg(host).arg(port);
    return db == 0 ? hostPort : QStringLiteral("%1/%2").arg(hostPort).arg(db);
}

std::optional<RedisAddress> RedisAddress::fromSettings(
    const CabinetSettings &settings, QString *error)
{
    const QUrl url(settings.url, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        setError(error,
            QStringLiteral("not a Redis URL: %1 (expected redis://[:password@]host:port[/db])")
                .arg(withoutPassword(settings.url)));
        return std::nullopt;
    }
    if (url.scheme() == QLatin1String("rediss")) {
        setError(error,
            QStringLiteral("Redis over TLS (rediss://) needs hiredis 1.0 or later; this "
                           "build has hiredis 0.14: use redis:// or a TLS tunnel"));
        return std::nullopt;
    }
    if (url.scheme() != QLatin1String("redis")) {
        setError(error,
            QStringLiteral("not a Redis URL: %1 (expected redis://[:password@]host:port[/db])")
                .arg(withoutPassword(settings.url)));
        return std::nullopt;
    }
    RedisAddress address;
    address.host = url.host();
    address.port = url.port(kDefaultPort);
    const auto path = url.path().mid(1);
    if (!path.isEmpty()) {
        bool ok = false;
        address.db = path.toInt(&ok);
        if (!ok || address.db < 0) {
            setError(error,
                QStringLiteral("the Redis database must be a number, 0 or more, not \"%1\"")
                    .arg(path));
            return std::nullopt;
        }
    }
    address.user = url.userName();
    address.password = settings.password.isEmpty() ? url.password() : settings.password;
    return address;
}

} // namespace chippy::cabinet
