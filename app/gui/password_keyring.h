#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace chippy::gui {

// Passwords kept in the desktop's keyring through QtKeychain (the Secret Service on Linux, the
// Keychain on macOS, the Credential Manager on Windows), never in a settings file or a log.
// Every call answers later on the calling thread, so a keyring that asks to be unlocked never
// stops the window; a keyring that is missing or refuses is an answer in words.
class PasswordKeyring : public QObject
{
    Q_OBJECT

public:
    explicit PasswordKeyring(QString service = QStringLiteral("Chippy"), QObject *parent = nullptr);

    struct Answer
    {
        QString password; // empty when the keyring keeps none under the key
        QString problem; // empty when the keyring answered
    };
    void read(const QString &key, std::function<void(const Answer &)> done);
    // An empty password removes what the keyring kept under the key.
    void write(const QString &key, const QString &password,
        std::function<void(const QString &problem)> done = {});

    const QString &service() const { return m_service; }

private:
    QString m_service;
};

} // namespace chippy::gui
