#pragma once

#include "kafka/client_config.h"
#include "kafka/client_error.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

struct rd_kafka_s;

namespace chippy::kafka {

struct Header
{
    QByteArray name;
    QByteArray value;
};
using Headers = QList<Header>;

// What producers, consumers and the admin client share: one librdkafka handle, owned, and the
// errors its callbacks reported. Callbacks and librdkafka's log lines are served from poll()
// on the thread that owns the client, so they only append to lists that thread drains.
class Client
{
public:
    virtual ~Client();
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    // Errors since the last call, in words; a fatal one means the client must be recreated.
    QList<ClientError> takeErrors();
    bool hasFatalError() const { return m_fatal; }
    QString name() const;
    const ErrorContext &errorContext() const { return m_context; }

    rd_kafka_s *handle() const { return m_handle; }

protected:
    enum class Type { Producer, Consumer };

    Client() = default;
    // Creates the handle; with a reason in words when librdkafka refuses the configuration.
    bool create(Type type, const ClientConfig &config, QString *error);
    // Destroys the handle now with the given rd_kafka_destroy_flags.
    void destroyHandle(int flags);
    void recordError(int code, const QString &reason);
    // For errors the subclass has already put into words.
    void recordErrorWords(int code, const QString &words);
    QString scrub(const QString &text) const { return scrubSecrets(text, m_secrets); }

    // Hooks for the subclasses' callbacks; the opaque pointer of every handle is its Client.
    virtual void onDelivery(const void *message);
    virtual void onRebalance(int code, void *partitions);

private:
    static void errorCallback(rd_kafka_s *rk, int err, const char *reason, void *opaque);
    static void logCallback(const rd_kafka_s *rk, int level, const char *facility, const char *buf);
    static void deliveryCallback(rd_kafka_s *rk, const void *message, void *opaque);
    static void rebalanceCallback(rd_kafka_s *rk, int err, void *partitions, void *opaque);

    rd_kafka_s *m_handle = nullptr;
    ErrorContext m_context;
    QList<QByteArray> m_secrets;
    QList<ClientError> m_errors;
    bool m_fatal = false;
};

} // namespace chippy::kafka
