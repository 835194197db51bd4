#include "kafka/client_error.h"

#include <QRegularExpression>

#include <librdkafka/rdkafka.h>

namespace chippy::kafka {

namespace {

// librdkafka's transport reasons look like
// "127.0.0.1:9092/bootstrap: Connect to ipv4#127.0.0.1:9092 failed: Connection refused (after 0ms
// in state CONNECT)" or "Failed to resolve 'nohost:9092': Name or service not known (...)".
QString connectionInWords(const QString &reason, const ErrorContext &context)
{
    static const QRegularExpression brokerPrefix(QStringLiteral(R"(^(?:\w+://)?([^/\s]+:\d+)/)"));
    static const QRegularExpression resolve(
        QStringLiteral(R"(Failed to resolve '([^']+)': ([^(]+))"));
    static const QRegularExpression failed(QStringLiteral(R"(failed: ([^(]+))"));
    static const QRegularExpression disconnected(QStringLiteral(R"(Disconnected)"));

    QString address = context.bootstrapServers;
    QString cause;
    if (const auto m = resolve.match(reason); m.hasMatch()) {
        address = m.captured(1);
        cause = m.captured(2).trimmed();
    } else {
        if (const auto m = brokerPrefix.match(reason); m.hasMatch()) {
            address = m.captured(1);
        }
        if (const auto m = failed.match(reason); m.hasMatch()) {
            cause = m.captured(1).trimmed();
        } else if (disconnected.match(reason).hasMatch()) {
            cause = QStringLiteral("the broker closed the connection");
        } else if (reason.contains(QLatin1String("brokers are down"))) {
            cause = QStringLiteral("no broker answers");
        } else {
            cause = reason.trimmed();
        }
    }
    if (address.isEmpty()) {
        address = QStringLiteral("the configured address");
    }
    if (!cause.isEmpty()) {
        cause[0] = cause[0].toLower();
    }
    return QStringLiteral("cannot reach a broker at %1 (%2)").arg(address, cause);
}

} // namespace

bool isConnectionError(int code)
{
    switch (code) {
    case RD_KAFKA_RESP_ERR__TRANSPORT:
    case RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN:
    case RD_KAFKA_RESP_ERR__RESOLVE:
        return true;
    default:
        return false;
    }
}

QString errorInWords(int code, const QString &reason, const ErrorContext &context)
{
    const auto err = static_cast<rd_kafka_resp_err_t>(code);
    if (isConnectionError(code)) {
        return connectionInWords(reason, context);
    }
    switch (err) {
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR_UNSUPPORTED_SASL_MECHANISM:
    case RD_KAFKA_RESP_ERR_ILLEGAL_SASL_STATE:
        return QStringLiteral("authentication failed for user %1 (%2)")
            .arg(context.saslUsername.isEmpty() ? QStringLiteral("(none)") : context.saslUsername,
                reason.trimmed());
    case RD_KAFKA_RESP_ERR__SSL:
        return QStringLiteral("the TLS handshake with the broker failed (%1)")
            .arg(reason.trimmed());
    case RD_KAFKA_RESP_ERR__TIMED_OUT:
        return QStringLiteral("the broker did not answer in time (%1)").arg(reason.trimmed());
    default:
        break;
    }
    const QString name = QString::fromUtf8(rd_kafka_err2str(err));
    if (reason.isEmpty() || reason == name) {
        return name;
    }
    return QStringLiteral("%1 (%2)").arg(name, reason.trimmed());
}

QString topicMissingInWords(const QString &topic)
{
    return QStringLiteral("topic %1 does not exist and auto-creation is off").arg(topic);
}

} // namespace chippy::kafka
