// chippy-broker: the embedded Kafka-protocol broker as a program of its own.
#include "broker.h"
#include "broker_log.h"
#include "server/sasl_users.h"

#include <CLI/CLI.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <semaphore>
#include <string>
#include <vector>

#ifndef CHIPPY_VERSION
#define CHIPPY_VERSION "0.0.0"
#endif

namespace {

std::binary_semaphore g_stopRequested {0};

void onSignal(int)
{
    g_stopRequested.release();
}

bool splitHostPort(const std::string &s, std::string &host, std::uint16_t &port)
{
    const auto colon = s.rfind(':');
    if (colon == std::string::npos) {
        return false;
    }
    host = s.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    try {
        const auto p = std::stoul(s.substr(colon + 1));
        if (p > 65535) {
            return false;
        }
        port = static_cast<std::uint16_t>(p);
    } catch (const std::exception &) {
        return false;
    }
    return true;
}

// NAME:PASSWORD; the password may itself hold colons.
bool addSaslPlainUser(const std::string &s, chippy::broker::BrokerConfig &config)
{
    const auto colon = s.find(':');
    if (colon == 0 || colon == std::string::npos) {
        return false;
    }
    config.saslPlainUsers[s.substr(0, colon)] = s.substr(colon + 1);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    chippy::broker::BrokerConfig config;
    std::string listen = "127.0.0.1:9092";
    std::string dataDir;
    bool inMemory = false;
    bool noAutoCreate = false;
    std::string logLevel = "info";
    std::vector<std::string> saslPlainUsers;
    std::string saslUsersFile;

    CLI::App app {
        "chippy-broker: a Kafka-protocol broker for Chippy and any Kafka client", "chippy-broker"};
    app.set_version_flag("--version", std::string("chippy-broker ") + CHIPPY_VERSION);
    app.add_option("--listen", listen, "HOST:PORT to listen on (port 0 picks a free one)")
        ->capture_default_str();
    app.add_option("--advertised-host", config.advertisedHost,
        "host name given to clients in metadata (default: the listen host)");
    app.add_option("--advertised-port", config.advertisedPort,
        "port given to clients in metadata (default: the listen port)");
    auto *dirOpt = app.add_option("--data-dir", dataDir, "keep the log in segment files here");
    app.add_flag(
           "--in-memory", inMemory, "keep everything in memory (the default without --data-dir)")
        ->excludes(dirOpt);
    app.add_option("--node-id", config.nodeId, "broker id")->capture_default_str();
    app.add_option("--partitions", config.defaultPartitions, "partitions of an auto-created topic")
        ->capture_default_str()
        ->check(CLI::Range(1, 10000));
    app.add_flag("--no-auto-create", noAutoCreate, "do not create topics on first use");
    app.add_option("--retention-ms", config.retentionMs, "default retention time, -1 for ever")
        ->capture_default_str();
    app.add_option("--retention-bytes", config.retentionBytes,
           "default retention size per partition, -1 for no limit")
        ->capture_default_str();
    app.add_option("--segment-bytes", config.segmentBytes, "default segment size")
        ->capture_default_str()
        ->check(CLI::Range(std::int64_t {1024}, std::int64_t {1} << 40));
    app.add_option("--retention-check-interval-ms", config.retentionCheckIntervalMs,
           "how often retention looks for segments to delete")
        ->capture_default_str()
        ->check(CLI::Range(std::int64_t {1}, std::numeric_limits<std::int64_t>::max()));
    app.add_option("--max-request-bytes", config.maxRequestBytes, "largest request accepted")
        ->capture_default_str()
        ->check(CLI::Range(1024, 1 << 30));
    app.add_option("--message-max-bytes", config.maxMessageBytes,
           "largest record batch a topic accepts unless its max.message.bytes says otherwise")
        ->capture_default_str()
        ->check(CLI::Range(0, std::numeric_limits<std::int32_t>::max()));
    app.add_flag("--fsync", config.syncEveryAppend,
        "sync every append to disk before answering (default: off, leaving it to the OS)");
    app.add_option("--group-initial-rebalance-delay-ms", config.groupInitialRebalanceDelayMs,
           "how long a new group waits for more members before its first rebalance")
        ->capture_default_str()
        ->check(CLI::Range(0, 300000));
    app.add_option("--group-min-session-timeout-ms", config.groupMinSessionTimeoutMs,
           "shortest session timeout a consumer may ask for")
        ->capture_default_str()
        ->check(CLI::Range(1, std::numeric_limits<std::int32_t>::max()));
    app.add_option("--group-max-session-timeout-ms", config.groupMaxSessionTimeoutMs,
           "longest session timeout a consumer may ask for")
        ->capture_default_str()
        ->check(CLI::Range(1, std::numeric_limits<std::int32_t>::max()));
    app.add_option("--sasl-plain-user", saslPlainUsers,
           "NAME:PASSWORD of a user who may connect, repeatable; with any, every client must "
           "authenticate with SASL/PLAIN (security.protocol=SASL_PLAINTEXT). Shows in ps: "
           "prefer --sasl-users-file")
        ->allow_extra_args(false);
    app.add_option("--sasl-users-file", saslUsersFile,
        "file of SASL/PLAIN users, one NAME:PASSWORD a line, readable by its owner alone; the "
        "environment variable CHIPPY_SASL_USERS may hold the same lines");
    app.add_option("--connections-max-idle-ms", config.connectionsMaxIdleMs,
           "close a connection idle this long, -1 never (connections.max.idle.ms)")
        ->capture_default_str()
        ->check(CLI::Range(std::int64_t {-1}, std::numeric_limits<std::int64_t>::max()));
    app.add_option("--max-connections", config.maxConnections,
           "most client connections open at once (max.connections)")
        ->capture_default_str()
        ->check(CLI::Range(0, std::numeric_limits<std::int32_t>::max()));
    app.add_option("--max-connections-per-ip", config.maxConnectionsPerIp,
           "most client connections open at once from one address (max.connections.per.ip)")
        ->capture_default_str()
        ->check(CLI::Range(0, std::numeric_limits<std::int32_t>::max()));
    app.add_option("--log-level", logLevel, "trace, debug, info, warn, error or off")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    config.autoCreateTopics = !noAutoCreate;
    if (!dataDir.empty()) {
        config.dataDir = dataDir;
    }
    if (!splitHostPort(listen, config.listenHost, config.listenPort)) {
        std::cerr << "chippy-broker: --listen wants HOST:PORT, not '" << listen << "'\n";
        return 2;
    }
    for (const auto &user : saslPlainUsers) {
        if (!addSaslPlainUser(user, config)) {
            std::cerr << "chippy-broker: --sasl-plain-user wants NAME:PASSWORD, not '" << user
                      << "'\n";
            return 2;
        }
    }
    if (const char *fromEnvironment = std::getenv(chippy::broker::kSaslUsersEnvironmentVariable)) {
        if (auto problem = chippy::broker::parseSaslUsers(fromEnvironment, config.saslPlainUsers)) {
            std::cerr << "chippy-broker: " << chippy::broker::kSaslUsersEnvironmentVariable << ": "
                      << *problem << "\n";
            return 2;
        }
    }
    if (!saslUsersFile.empty()) {
        if (auto problem
            = chippy::broker::loadSaslUsersFile(saslUsersFile, config.saslPlainUsers)) {
            std::cerr << "chippy-broker: " << *problem << "\n";
            return 2;
        }
    }
    chippy::broker::brokerLog().set_level(spdlog::level::from_str(logLevel));

    chippy::broker::Broker broker(config);
    try {
        broker.start();
    } catch (const std::exception &e) {
        std::cerr << "chippy-broker: " << e.what() << "\n";
        return 1;
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::printf("listening on %s:%u\n", broker.host().c_str(), broker.port());
    std::fflush(stdout);

    g_stopRequested.acquire();
    chippy::broker::brokerLog().info("shutting down");
    broker.stop();
    return 0;
}
