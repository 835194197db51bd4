#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>

struct rd_kafka_conf_s;

namespace chippy::kafka {

struct NativeConfDeleter
{
    void operator()(rd_kafka_conf_s *conf) const;
};
using NativeConf = std::unique_ptr<rd_kafka_conf_s, NativeConfDeleter>;

// librdkafka properties as ordered key/value pairs. Knows which keys hold secrets so that
// nothing it prints ever shows them.
class ClientConfig
{
public:
    ClientConfig() = default;
    ClientConfig(std::initializer_list<QPair<QByteArray, QByteArray>> entries);

    // Sets or replaces a property.
    void set(const QByteArray &key, const QByteArray &value);
    void remove(const QByteArray &key);
    bool contains(const QByteArray &key) const;
    QByteArray value(const QByteArray &key, const QByteArray &fallback = {}) const;
    // The other config's entries win.
    void merge(const ClientConfig &other);
    const QList<QPair<QByteArray, QByteArray>> &entries() const { return m_entries; }

    // "key=value" lines with every secret shown as ***.
    QStringList redacted() const;
    // The values of secret keys, so that error texts can be scrubbed of them.
    QList<QByteArray> secrets() const;

    // Builds the native configuration; on a bad key or value returns null with the reason.
    NativeConf build(QString *error) const;

    static bool isSecretKey(const QByteArray &key);
    static constexpr const char *kRedacted = "***";

private:
    QList<QPair<QByteArray, QByteArray>> m_entries;
};

// Replaces every occurrence of a secret in text, for messages that quote client output.
QString scrubSecrets(QString text, const QList<QByteArray> &secrets);

} // namespace chippy::kafka
