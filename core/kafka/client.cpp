#include "kafka/client.h"

#include "kafka/kafka_log.h"

#include <librdkafka/rdkafka.h>

namespace chippy::kafka {

namespace {

Q_LOGGING_CATEGORY(lcLibrdkafka, "chippy.kafka.librdkafka", QtWarningMsg)

// Transport errors repeat on every reconnect attempt; keep the list bounded between drains.
constexpr qsizetype kMaxPendingErrors = 64;

} // namespace

Client::~Client()
{
    destroyHandle(0);
}

bool Client::create(Type type, const ClientConfig &config, QString *error)
{
    m_context.bootstrapServers = QString::fromUtf8(config.value("bootstrap.servers"));
    m_context.saslUsername = QString::fromUtf8(config.value("sasl.username"));
    m_secrets = config.secrets();

    ClientConfig withLogQueue = config;
    // Log lines go to the main queue and are served by poll() on our thread.
    withLogQueue.set("log.queue", "true");
    NativeConf conf = withLogQueue.build(error);
    if (!conf) {
        return false;
    }
    rd_kafka_conf_set_opaque(conf.get(), this);
    rd_kafka_conf_set_error_cb(
        conf.get(), [](rd_kafka_t *rk, int err, const char *reason, void *opaque) {
            errorCallback(rk, err, reason, opaque);
        });
    rd_kafka_conf_set_log_cb(
        conf.get(), [](const rd_kafka_t *rk, int level, const char *fac, const char *buf) {
            logCallback(rk, level, fac, buf);
        });
    if (type == Type::Producer) {
        rd_kafka_conf_set_dr_msg_cb(
            conf.get(), [](rd_kafka_t *rk, const rd_kafka_message_t *msg, void *opaque) {
                deliveryCallback(rk, msg, opaque);
            });
    } else {
        rd_kafka_conf_set_rebalance_cb(conf.get(),
            [](rd_kafka_t *rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t *parts,
                void *opaque) { rebalanceCallback(rk, err, parts, opaque); });
    }

    char reason[512];
    rd_kafka_t *rk = rd_kafka_new(type == Type::Producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER,
        conf.get(), reason, sizeof(reason));
    if (!rk) {
        if (error) {
            *error = scrub(QString::fromUtf8(reason));
        }
        return false;
    }
    // rd_kafka_new took ownership of the configuration.
    (void)conf.release();
    m_handle = rk;
    rd_kafka_set_log_queue(rk, nullptr);
    return true;
}

void Client::destroyHandle(int flags)
{
    if (m_handle) {
        rd_kafka_destroy_flags(m_handle, flags);
        m_handle = nullptr;
    }
}

QList<ClientError> Client::takeErrors()
{
    return std::exchange(m_errors, {});
}

QString Client::name() const
{
    return m_handle ? QString::fromUtf8(rd_kafka_name(m_handle)) : QString();
}

void Client::recordError(int code, const QString &reason)
{
    ClientError error;
    error.code = code;
    error.words = scrub(errorInWords(code, reason, m_context));
    if (code == RD_KAFKA_RESP_ERR__FATAL && m_handle) {
        char text[512];
        const rd_kafka_resp_err_t original = rd_kafka_fatal_error(m_handle, text, sizeof(text));
        error.fatal = true;
        error.words = scrub(errorInWords(original, QString::fromUtf8(text), m_context));
        m_fatal = true;
    }
    qCDebug(lcKafka) << name() << error.words;
    if (m_errors.size() < kMaxPendingErrors) {
        m_errors.append(error);
    }
}

void Client::recordErrorWords(int code, const QString &words)
{
    if (m_errors.size() < kMaxPendingErrors) {
        m_errors.append(ClientError {code, false, scrub(words)});
    }
}

void Client::onDelivery(const void *) { }

void Client::onRebalance(int, void *) { }

void Client::errorCallback(rd_kafka_s *, int err, const char *reason, void *opaque)
{
    static_cast<Client *>(opaque)->recordError(err, QString::fromUtf8(reason));
}

void Client::logCallback(const rd_kafka_s *rk, int level, const char *facility, const char *buf)
{
    constexpr int kSyslogWarning = 4;
    auto *self = static_cast<Client *>(rd_kafka_opaque(rk));
    const QString line = self ? self->scrub(QString::fromUtf8(buf)) : QString::fromUtf8(buf);
    const char *client = rd_kafka_name(rk);
    if (level <= kSyslogWarning) {
        qCInfo(lcLibrdkafka).noquote() << client << facility << line;
    } else {
        qCDebug(lcLibrdkafka).noquote() << client << facility << line;
    }
}

void Client::deliveryCallback(rd_kafka_s *, const void *message, void *opaque)
{
    static_cast<Client *>(opaque)->onDelivery(message);
}

void Client::rebalanceCallback(rd_kafka_s *, int err, void *partitions, void *opaque)
{
    static_cast<Client *>(opaque)->onRebalance(err, partitions);
}

} // namespace chippy::kafka
