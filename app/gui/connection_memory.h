#pragma once

#include "password_keyring.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

class QSettings;

namespace chippy::gui {

class ClusterSettings;
class StoreSettings;

// The last connection that was used: the cluster and the stores' addresses in the settings
// file, their passwords in the desktop keyring (or, when asked not to keep them or when there
// is no keyring, nowhere beyond this run). keyringStatus says which, in words.
class ConnectionMemory : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The connection memory belongs to the shop controller")

    Q_PROPERTY(bool keepPasswords READ keepPasswords WRITE setKeepPasswords NOTIFY changed)
    Q_PROPERTY(QString keyringStatus READ keyringStatus NOTIFY changed)

public:
    ConnectionMemory(QSettings *settings, PasswordKeyring *keyring, QObject *parent = nullptr);

    // Writes the addresses, and the passwords to the keyring when they are to be kept.
    void remember(const ClusterSettings &cluster, const StoreSettings &stores);
    // Fills in what was remembered. The addresses at once; each password when the keyring
    // answers, unless its field has been filled in the meantime.
    void recall(ClusterSettings &cluster, StoreSettings &stores);

    bool keepPasswords() const { return m_keepPasswords; }
    void setKeepPasswords(bool keep);
    QString keyringStatus() const { return m_keyringStatus; }

signals:
    void changed();
    // Each password the keyring gave back, after it is in its field.
    void passwordRecalled(const QString &keyringKey);

private:
    struct Secret
    {
        bool ofCluster; // or of the stores
        const char *property;
        QString keyringKey; // empty: the settings need no password
    };
    static std::vector<Secret> secretsOf(
        const ClusterSettings &cluster, const StoreSettings &stores);
    void noteKeyring(const QString &problem);

    QSettings *m_settings;
    PasswordKeyring *m_keyring;
    bool m_keepPasswords = true;
    QString m_keyringStatus;
};

} // namespace chippy::gui
