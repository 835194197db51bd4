#pragma once

#include "kafka/client_config.h"
#include "shop/shop_config.h"

namespace chippy::shop {

// The librdkafka settings of one participant's clients: the cluster's, plus its name and the
// shop's timing.
kafka::ClientConfig producerSettings(const ShopConfig &config, const QString &clientId);
kafka::ClientConfig consumerSettings(
    const ShopConfig &config, const QString &clientId, const QString &group);

} // namespace chippy::shop
