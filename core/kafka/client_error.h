#pragma once

#include <QString>

namespace chippy::kafka {

// An error a client reported, already put into words a shop owner can act on.
struct ClientError
{
    int code = 0; // rd_kafka_resp_err_t
    bool fatal = false;
    QString words;
};

// What the error text needs to know about the connection.
struct ErrorContext
{
    QString bootstrapServers;
    QString saslUsername;
};

// Turns a librdkafka error code and its reason text into a sentence, e.g.
// "cannot reach a broker at host:9092 (connection refused)" or
// "authentication failed for user alice (...)".
QString errorInWords(int code, const QString &reason, const ErrorContext &context);

// True for errors that mean "no broker to talk to" rather than a problem with a request.
bool isConnectionError(int code);

QString topicMissingInWords(const QString &topic);

} // namespace chippy::kafka
