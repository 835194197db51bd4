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

RealKafka realKafka();
RealOpenSearch realOpenSearch();

// Runs one of Apache Kafka's own programs (a main class in its jars, such as
// org.apache.kafka.tools.TopicCommand) on the JDK, with its log going to standard error.
ProcessResult runKafkaTool(const RealKafka &kafka, const QString &mainClass,
    const QStringList &args, const QByteArray &input = {}, int timeoutMs = 120000);

} // namespace chippy::test
