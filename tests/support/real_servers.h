#pragma once

#include "process_runner.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace chippy::test {

// Apache Kafka as the real-kafka fixture started it (tests/servers/kafka-server.sh).
struct RealKafka
{
    QString bootstrap; // PLAINTEXT listener
    QString saslBootstrap; // SASL_PLAINTEXT listener, mechanism PLAIN
    QString saslUser;
    QString saslPassword;
    QString jars; // the broker's jars: its tools and the Java client
    QString error; // why there is none: say it with QSKIP or QFAIL

    bool running() const { return error.isEmpty(); }
};

// OpenSearch as the opensearch fixture started it (tests/servers/opensearch-server.sh).
struct RealOpenSearch
{
    QString url; // http://127.0.0.1:port
    QString error;

    bool running() const { return error.isEmpty(); }
};

// redis-server as the redis fixture started it (tests/servers/redis-server.sh).
struct RealRedis
{
    QString url; // redis://127.0.0.1:port
    QString host;
    int port = 0;
    QString password;
    QString error;

    bool running() const { return error.isEmpty(); }
};

// PostgreSQL as the postgres fixture started it (tests/servers/postgres-server.sh).
struct RealPostgres
{
    QString host;
    int port = 0;
    QString user;
    QString password;
    QString database; // one that exists; a test makes its own with CREATE DATABASE
    QString error;

    bool running() const { return error.isEmpty(); }
    // postgresql://user:password@host:port/database
    QString dsn(const QString &databaseName) const;
};

RealKafka realKafka();
RealOpenSearch realOpenSearch();
RealRedis realRedis();
RealPostgres realPostgres();

// Runs one of Apache Kafka's own programs (a main class in its jars, such as
// org.apache.kafka.tools.TopicCommand) on the JDK, with its log going to standard error.
ProcessResult runKafkaTool(const RealKafka &kafka, const QString &mainClass,
    const QStringList &args, const QByteArray &input = {}, int timeoutMs = 120000);

} // namespace chippy::test
