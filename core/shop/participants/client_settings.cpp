#include "shop/participants/client_settings.h"

namespace chippy::shop {

kafka::ClientConfig producerSettings(const ShopConfig &config, const QString &clientId)
{
    kafka::ClientConfig c = config.cluster;
    c.set("client.id", clientId.toUtf8());
    c.set("topic.metadata.refresh.interval.ms", QByteArray::number(config.metadataRefreshMs));
    return c;
}

kafka::ClientConfig consumerSettings(
    const ShopConfig &config, const QString &clientId, const QString &group)
{
    kafka::ClientConfig c = producerSettings(config, clientId);
    c.set("group.id", group.toUtf8());
    c.set("session.timeout.ms", QByteArray::number(config.sessionTimeoutMs));
    c.set("heartbeat.interval.ms", QByteArray::number(config.heartbeatIntervalMs));
    // The shop creates its topics; a consumer must never create one by subscribing.
    c.set("allow.auto.create.topics", "false");
    return c;
}

} // namespace chippy::shop
