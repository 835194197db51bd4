#include "password_keyring.h"

#include <qt6keychain/keychain.h>

namespace chippy::gui {

namespace {

QString problemOf(const QKeychain::Job &job)
{
    switch (job.error()) {
    case QKeychain::NoError:
    case QKeychain::EntryNotFound:
        return {};
    case QKeychain::NoBackendAvailable:
        return QStringLiteral("no desktop keyring is running");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QStringLiteral("the desktop keyring refused (%1)").arg(job.errorString());
    default:
        return QStringLiteral("the desktop keyring failed (%1)").arg(job.errorString());
    }
}

} // namespace

PasswordKeyring::PasswordKeyring(QString service, QObject *parent)
    : QObject(parent)
    , m_service(std::move(service))
{ }

void PasswordKeyring::read(const QString &key, std::function<void(const Answer &)> done)
{
    // A job outlives the keyring object that started it: the keyring's answer may come after
    // that object is gone, and QtKeychain deletes each job once it has finished.
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        done({job->error() == QKeychain::NoError ? job->textData() : QString(), problemOf(*job)});
    });
    job->start();
}

void PasswordKeyring::write(
    const QString &key, const QString &password, std::function<void(const QString &)> done)
{
    QKeychain::Job *job = nullptr;
    if (password.isEmpty()) {
        job = new QKeychain::DeletePasswordJob(m_service);
    } else {
        auto *writing = new QKeychain::WritePasswordJob(m_service);
        writing->setTextData(password);
        job = writing;
    }
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (done) {
            done(problemOf(*job));
        }
    });
    job->start();
}

} // namespace chippy::gui
