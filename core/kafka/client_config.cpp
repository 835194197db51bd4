#include "kafka/client_config.h"

#include <librdkafka/rdkafka.h>

namespace chippy::kafka {

void NativeConfDeleter::operator()(rd_kafka_conf_s *conf) const
{
    rd_kafka_conf_destroy(conf);
}

ClientConfig::ClientConfig(std::initializer_list<QPair<QByteArray, QByteArray>> entries)
{
    for (const auto &[key, value] : entries) {
        set(key, value);
    }
}

void ClientConfig::set(const QByteArray &key, const QByteArray &value)
{
    for (auto &entry : m_entries) {
        if (entry.first == key) {
            entry.second = value;
            return;
        }
    }
    m_entries.append({key, value});
}

void ClientConfig::remove(const QByteArray &key)
{
    m_entries.removeIf([&](const auto &entry) { return entry.first == key; });
}

bool ClientConfig::contains(const QByteArray &key) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == key) {
            return true;
        }
    }
    return false;
}

QByteArray ClientConfig::value(const QByteArray &key, const QByteArray &fallback) const
{
    for (const auto &entry : m_entries) {
        if (entry.first == key) {
            return entry.second;
        }
    }
    return fallback;
}

void ClientConfig::merge(const ClientConfig &other)
{
    for (const auto &[key, value] : other.m_entries) {
        set(key, value);
    }
}

QStringList ClientConfig::redacted() const
{
    QStringList lines;
    for (const auto &[key, value] : m_entries) {
        lines << QString::fromUtf8(key) + QLatin1Char('=')
                + (isSecretKey(key) ? QString::fromLatin1(kRedacted) : QString::fromUtf8(value));
    }
    return lines;
}

QList<QByteArray> ClientConfig::secrets() const
{
    QList<QByteArray> values;
    for (const auto &[key, value] : m_entries) {
        if (isSecretKey(key) && !value.isEmpty()) {
            values << value;
        }
    }
    return values;
}

NativeConf ClientConfig::build(QString *error) const
{
    NativeConf conf(rd_kafka_conf_new());
    char reason[512];
    for (const auto &[key, value] : m_entries) {
        if (rd_kafka_conf_set(
                conf.get(), key.constData(), value.constData(), reason, sizeof(reason))
            != RD_KAFKA_CONF_OK) {
            if (error) {
                // librdkafka quotes the rejected value; a secret must not reach the message.
                *error = QStringLiteral("bad client setting %1: %2")
                             .arg(QString::fromUtf8(key),
                                 scrubSecrets(QString::fromUtf8(reason), secrets()));
            }
            return {};
        }
    }
    return conf;
}

bool ClientConfig::isSecretKey(const QByteArray &key)
{
    const QByteArray k = key.toLower();
    return k.contains("password") || k.contains("secret") || k == "sasl.jaas.config"
        || k == "sasl.oauthbearer.config" || k == "ssl.key.pem";
}

QString scrubSecrets(QString text, const QList<QByteArray> &secrets)
{
    for (const QByteArray &secret : secrets) {
        text.replace(QString::fromUtf8(secret), QString::fromLatin1(ClientConfig::kRedacted));
    }
    return text;
}

} // namespace chippy::kafka
