#include "cluster_settings.h"

#include <QUrl>

namespace chippy::gui {

ClusterSettings::ClusterSettings(QObject *parent)
    : QObject(parent)
{ }

void ClusterSettings::setEmbedded(bool embedded)
{
    if (embedded != m_embedded) {
        m_embedded = embedded;
        emit changed();
    }
}

void ClusterSettings::setProfile(const kafka::ClusterProfile &profile)
{
    m_profile = profile;
    m_embedded = false;
    emit changed();
}

void ClusterSettings::setBootstrap(const QString &v)
{
    set(m_profile.bootstrapServers, v.trimmed());
}

void ClusterSettings::setSecurityProtocol(const QString &v)
{
    set(m_profile.securityProtocol, v.trimmed().toLower());
}

void ClusterSettings::setSaslMechanism(const QString &v)
{
    set(m_profile.saslMechanism, v.trimmed());
}

void ClusterSettings::setSaslUsername(const QString &v)
{
    set(m_profile.saslUsername, v);
}

void ClusterSettings::setSaslPassword(const QString &v)
{
    set(m_profile.saslPassword, v);
}

void ClusterSettings::setCaLocation(const QString &v)
{
    set(m_profile.sslCaLocation, v.trimmed());
}

void ClusterSettings::setCertificateLocation(const QString &v)
{
    set(m_profile.sslCertificateLocation, v.trimmed());
}

void ClusterSettings::setKeyLocation(const QString &v)
{
    set(m_profile.sslKeyLocation, v.trimmed());
}

QString ClusterSettings::describe() const
{
    return m_embedded ? QStringLiteral("the embedded broker") : m_profile.describe();
}

QString ClusterSettings::importProperties(const QString &pathOrUrl)
{
    const QUrl url(pathOrUrl);
    const QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    QString error;
    const kafka::ClusterProfile profile = kafka::ClusterProfile::fromFile(path, &error);
    if (!error.isEmpty()) {
        return error;
    }
    setProfile(profile);
    return {};
}

QString ClusterSettings::problem() const
{
    if (m_embedded) {
        return {};
    }
    if (m_profile.bootstrapServers.isEmpty()) {
        return QStringLiteral("give the bootstrap servers, as host:port[,host:port...]");
    }
    if (m_profile.usesSasl()
        && (m_profile.saslUsername.isEmpty() || m_profile.saslMechanism.isEmpty())) {
        return QStringLiteral("SASL needs a mechanism and a user name");
    }
    return {};
}

void ClusterSettings::set(QString &field, const QString &value)
{
    if (field != value) {
        field = value;
        emit changed();
    }
}

} // namespace chippy::gui
