#pragma once

#include "kafka/client_config.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

class QDebug;

namespace chippy::kafka {

// Where the Kafka comes from: bootstrap servers, TLS and SASL. Reads and writes a
// librdkafka-style client.properties file. The password never leaves through describe(),
// toJson() or the debug stream; only toProperties() (the user's own file) carries it.
struct ClusterProfile
{
    QString bootstrapServers;
    QString securityProtocol = QStringLiteral("plaintext");
    QString sslCaLocation;
    QString sslCertificateLocation;
    QString sslKeyLocation;
    QString sslKeyPassword;
    QString saslMechanism;
    QString saslUsername;
    QString saslPassword;
    // Any other librdkafka property from the file, passed through unchanged.
    QMap<QByteArray, QByteArray> extra;

    static ClusterProfile forBootstrap(const QString &bootstrapServers);
    // Parses "key=value" / "key: value" lines with # and ! comments.
    static ClusterProfile fromProperties(const QByteArray &text, QString *error);
    static ClusterProfile fromFile(const QString &path, QString *error);

    QByteArray toProperties() const;
    // Writes the file readable by its owner only, since it holds the password.
    bool save(const QString &path, QString *error) const;

    bool usesSasl() const;
    bool usesTls() const;
    // The librdkafka settings that connect a client to this cluster.
    ClientConfig clientConfig() const;
    // "sasl_ssl://host:9092 as alice (SCRAM-SHA-256)": safe to log and show.
    QString describe() const;
    // For reports: every field except the secrets.
    QJsonObject toJson() const;

    friend bool operator==(const ClusterProfile &, const ClusterProfile &) = default;
};

QDebug operator<<(QDebug debug, const ClusterProfile &profile);

} // namespace chippy::kafka
