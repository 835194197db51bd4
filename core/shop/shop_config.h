#pragma once

#include "analytics/analytics_store.h"
#include "cabinet/cabinet.h"
#include "kafka/client_config.h"
#include "kafka/start_position.h"
#include "ledger/ledger.h"
#include "shop/menu.h"
#include "shop/topic_names.h"

#include <QString>

namespace chippy::shop {

// How a shop starts. Counts, rate, cook time and plaice share can change while it runs.
struct ShopConfig
{
    static constexpr int kFirstModelWithCook = 4;
    // Model 5 is the back office: its kitchen is model 4's.
    static constexpr int kFirstModelWithCabinet = 6;

    kafka::ClientConfig cluster; // bootstrap servers and security, from a ClusterProfile
    TopicNames topics;
    Menu menu = Menu::standard();

    int model = 1; // the talk's model: 1 cod and chips ... 4 cod or plaice ... 6 the hot cabinet
    int tills = 1;
    int orderPartitions = 1;
    // Two partitions each, so that a second counter or cook has something to do.
    int readyPartitions = 2;
    int cookPartitions = 2;
    int hotFoodPartitions = 1;
    int preparers = 1;
    int cooks = 1; // only from model 4
    int counters = 1;

    double ordersPerSecond = 2.0; // across all tills; 0 runs as fast as the shop can
    int cookTimeMs = -1; // -1: the menu's cook time for plaice
    double plaiceShare = 0.3; // of fish portions, from model 4
    quint32 seed = 1;

    // Group timing: short enough that a vanished member is noticed within seconds.
    int sessionTimeoutMs = 6000;
    int heartbeatIntervalMs = 500;
    // How soon clients see new partitions.
    int metadataRefreshMs = 2000;

    // Added to the scheduling niceness of every participant's thread and of the threads its
    // Kafka client starts. The window raises it so that drawing still gets the CPU when the
    // shop runs flat out.
    int workerNiceness = 0;

    // Where the statistician writes (and the charts read) and where the accountant and the
    // stockist keep their books.
    analytics::AnalyticsSettings analytics;
    ledger::LedgerSettings ledger;
    // Where the cooked portions wait from model 6: in-process unless a redis:// url is set.
    cabinet::CabinetSettings cabinet;

    kafka::StartPosition preparerStart;
    kafka::StartPosition cookStart;
    kafka::StartPosition counterStart;

    bool hasCook() const { return model >= kFirstModelWithCook; }
};

} // namespace chippy::shop
