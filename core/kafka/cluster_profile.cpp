#include "kafka/cluster_profile.h"

#include <QDebug>
#include <QFile>
#include <QSaveFile>

namespace chippy::kafka {

namespace {

struct Field
{
    const char *key;
    QString ClusterProfile::*member;
};

// The properties the profile knows by name; everything else goes to extra.
constexpr Field kFields[] = {
    {"bootstrap.servers", &ClusterProfile::bootstrapServers},
    {"security.protocol", &ClusterProfile::securityProtocol},
    {"ssl.ca.location", &ClusterProfile::sslCaLocation},
    {"ssl.certificate.location", &ClusterProfile::sslCertificateLocation},
    {"ssl.key.location", &ClusterProfile::sslKeyLocation},
    {"ssl.key.password", &ClusterProfile::sslKeyPassword},
    {"sasl.mechanism", &ClusterProfile::saslMechanism},
    {"sasl.username", &ClusterProfile::saslUsername},
    {"sasl.password", &ClusterProfile::saslPassword},
};

// Java properties allow both separators; the first one on the line splits key from value.
int separatorIndex(const QByteArray &line)
{
    const int eq = line.indexOf('=');
    const int colon = line.indexOf(':');
    if (eq < 0) {
        return colon;
    }
    if (colon < 0) {
        return eq;
    }
    return std::min(eq, colon);
}

} // namespace

ClusterProfile ClusterProfile::forBootstrap(const QString &bootstrapServers)
{
    ClusterProfile profile;
    profile.bootstrapServers = bootstrapServers;
    return profile;
}

ClusterProfile ClusterProfile::fromProperties(const QByteArray &text, QString *error)
{
    ClusterProfile profile;
    int lineNumber = 0;
    for (const QByteArray &raw : text.split('\n')) {
        ++lineNumber;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty() || line.startsWith('#') || line.startsWith('!')) {
            continue;
        }
        const int sep = separatorIndex(line);
        if (sep <= 0) {
            if (error) {
                *error = QStringLiteral("line %1 is not key=value").arg(lineNumber);
            }
            return {};
        }
        const QByteArray key = line.left(sep).trimmed();
        const QByteArray value = line.mid(sep + 1).trimmed();
        bool known = false;
        for (const Field &field : kFields) {
            if (key == field.key) {
                profile.*field.member = QString::fromUtf8(value);
                known = true;
            }
        }
        if (!known) {
            profile.extra.insert(key, value);
        }
    }
    if (profile.bootstrapServers.isEmpty()) {
        if (error) {
            *error = QStringLiteral("the profile has no bootstrap.servers");
        }
        return {};
    }
    return profile;
}

ClusterProfile ClusterProfile::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        }
        return {};
    }
    QString reason;
    ClusterProfile profile = fromProperties(file.readAll(), &reason);
    if (!reason.isEmpty() && error) {
        *error = QStringLiteral("%1: %2").arg(path, reason);
    }
    return profile;
}

QByteArray ClusterProfile::toProperties() const
{
    QByteArray text;
    for (const Field &field : kFields) {
        const QString &value = this->*field.member;
        if (!value.isEmpty()) {
            text += QByteArray(field.key) + '=' + value.toUtf8() + '\n';
        }
    }
    for (auto it = extra.cbegin(); it != extra.cend(); ++it) {
        text += it.key() + '=' + it.value() + '\n';
    }
    return text;
}

bool ClusterProfile::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(toProperties());
    if (!file.commit()) {
        if (error) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        }
        return false;
    }
    return true;
}

bool ClusterProfile::usesSasl() const
{
    return securityProtocol.startsWith(QLatin1String("sasl"), Qt::CaseInsensitive);
}

bool ClusterProfile::usesTls() const
{
    const QString p = securityProtocol.toLower();
    return p == QLatin1String("ssl") || p == QLatin1String("sasl_ssl");
}

ClientConfig ClusterProfile::clientConfig() const
{
    ClientConfig config;
    for (const Field &field : kFields) {
        const QString &value = this->*field.member;
        if (!value.isEmpty()) {
            config.set(field.key, value.toUtf8());
        }
    }
    for (auto it = extra.cbegin(); it != extra.cend(); ++it) {
        config.set(it.key(), it.value());
    }
    return config;
}

QString ClusterProfile::describe() const
{
    QString text = securityProtocol.toLower() + QStringLiteral("://") + bootstrapServers;
    if (usesSasl() && !saslUsername.isEmpty()) {
        text += QStringLiteral(" as %1").arg(saslUsername);
        if (!saslMechanism.isEmpty()) {
            text += QStringLiteral(" (%1)").arg(saslMechanism);
        }
    }
    return text;
}

QJsonObject ClusterProfile::toJson() const
{
    QJsonObject json;
    for (const Field &field : kFields) {
        const QString &value = this->*field.member;
        if (!value.isEmpty() && !ClientConfig::isSecretKey(field.key)) {
            json.insert(QString::fromLatin1(field.key), value);
        }
    }
    for (auto it = extra.cbegin(); it != extra.cend(); ++it) {
        if (!ClientConfig::isSecretKey(it.key())) {
            json.insert(QString::fromUtf8(it.key()), QString::fromUtf8(it.value()));
        }
    }
    return json;
}

QDebug operator<<(QDebug debug, const ClusterProfile &profile)
{
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "ClusterProfile(" << profile.describe() << ')';
    return debug;
}

} // namespace chippy::kafka
