#pragma once

#include "shop/session/shop_session.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// What the connection page edits: the embedded broker, or a cluster profile with bootstrap
// servers, TLS and SASL, typed in or imported from a client.properties file.
class ClusterSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The cluster settings belong to the shop controller")

    Q_PROPERTY(bool embedded MEMBER m_embedded NOTIFY changed)
    Q_PROPERTY(QString bootstrap READ bootstrap WRITE setBootstrap NOTIFY changed)
    Q_PROPERTY(
        QString securityProtocol READ securityProtocol WRITE setSecurityProtocol NOTIFY changed)
    Q_PROPERTY(QString saslMechanism READ saslMechanism WRITE setSaslMechanism NOTIFY changed)
    Q_PROPERTY(QString saslUsername READ saslUsername WRITE setSaslUsername NOTIFY changed)
    Q_PROPERTY(QString saslPassword READ saslPassword WRITE setSaslPassword NOTIFY changed)
    Q_PROPERTY(QString caLocation READ caLocation WRITE setCaLocation NOTIFY changed)
    Q_PROPERTY(QString certificateLocation READ certificateLocation WRITE setCertificateLocation
            NOTIFY changed)
    Q_PROPERTY(QString keyLocation READ keyLocation WRITE setKeyLocation NOTIFY changed)
    Q_PROPERTY(QString describe READ describe NOTIFY changed)

public:
    explicit ClusterSettings(QObject *parent = nullptr);

    bool embedded() const { return m_embedded; }
    void setEmbedded(bool embedded);
    const kafka::ClusterProfile &profile() const { return m_profile; }
    // Where a shop session connects when not on the embedded broker.
    shop::SessionSetup setup() const { return shop::SessionSetup::fromProfile(m_profile); }
    void setProfile(const kafka::ClusterProfile &profile);

    QString bootstrap() const { return m_profile.bootstrapServers; }
    void setBootstrap(const QString &v);
    QString securityProtocol() const { return m_profile.securityProtocol; }
    void setSecurityProtocol(const QString &v);
    QString saslMechanism() const { return m_profile.saslMechanism; }
    void setSaslMechanism(const QString &v);
    QString saslUsername() const { return m_profile.saslUsername; }
    void setSaslUsername(const QString &v);
    QString saslPassword() const { return m_profile.saslPassword; }
    void setSaslPassword(const QString &v);
    QString caLocation() const { return m_profile.sslCaLocation; }
    void setCaLocation(const QString &v);
    QString certificateLocation() const { return m_profile.sslCertificateLocation; }
    void setCertificateLocation(const QString &v);
    QString keyLocation() const { return m_profile.sslKeyLocation; }
    void setKeyLocation(const QString &v);
    QString describe() const;

    // Reads a client.properties file (a path or a file: URL); the reason in words, or empty.
    Q_INVOKABLE QString importProperties(const QString &pathOrUrl);
    // Empty when the settings can be tried, otherwise what is missing, in words.
    Q_INVOKABLE QString problem() const;

signals:
    void changed();

private:
    void set(QString &field, const QString &value);

    bool m_embedded = true;
    kafka::ClusterProfile m_profile;
};

} // namespace chippy::gui
