#include "connection_memory.h"

#include "cluster_settings.h"
#include "store_settings.h"

#include <QPointer>
#include <QSettings>

namespace chippy::gui {

namespace {

const auto kGroup = QStringLiteral("connection");
const auto kKeepPasswords = QStringLiteral("keepPasswords");

// Which broker to start on is the command line's choice; the rest is the form's.
constexpr const char *kClusterFields[] = {"bootstrap", "securityProtocol", "saslMechanism",
    "saslUsername", "caLocation", "certificateLocation", "keyLocation"};
constexpr const char *kStoreFields[]
    = {"analyticsUrl", "analyticsUser", "analyticsCa", "ledgerDsn", "cabinetUrl"};

QString text(const QObject &owner, const char *property)
{
    return owner.property(property).toString().trimmed();
}

// The keyring keeps one password per place and user, so that changing clusters finds the
// right one.
QString keyFor(const QString &kind, const QString &user, const QString &where)
{
    if (where.isEmpty()) {
        return {};
    }
    return user.isEmpty() ? QStringLiteral("%1 %2").arg(kind, where)
                          : QStringLiteral("%1 %2@%3").arg(kind, user, where);
}

} // namespace

ConnectionMemory::ConnectionMemory(QSettings *settings, PasswordKeyring *keyring, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_keyring(keyring)
{
    m_keepPasswords = m_settings->value(kGroup + QLatin1Char('/') + kKeepPasswords, true).toBool();
    noteKeyring({});
}

std::vector<ConnectionMemory::Secret> ConnectionMemory::secretsOf(
    const ClusterSettings &cluster, const StoreSettings &stores)
{
    const QString sasl = text(cluster, "saslUsername");
    const QString ledger = text(stores, "ledgerDsn");
    return {
        {true, "saslPassword",
            sasl.isEmpty() ? QString()
                           : keyFor(QStringLiteral("kafka"), sasl, text(cluster, "bootstrap"))},
        {false, "analyticsPassword",
            keyFor(QStringLiteral("opensearch"), text(stores, "analyticsUser"),
                text(stores, "analyticsUrl"))},
        {false, "ledgerPassword",
            ledger.startsWith(QLatin1String("postgres"))
                ? keyFor(QStringLiteral("ledger"), {}, ledger)
                : QString()},
        {false, "cabinetPassword", keyFor(QStringLiteral("redis"), {}, text(stores, "cabinetUrl"))},
    };
}

void ConnectionMemory::remember(const ClusterSettings &cluster, const StoreSettings &stores)
{
    m_settings->beginGroup(kGroup);
    for (const char *field : kClusterFields) {
        m_settings->setValue(QLatin1String(field), text(cluster, field));
    }
    for (const char *field : kStoreFields) {
        m_settings->setValue(QLatin1String(field), text(stores, field));
    }
    m_settings->setValue(kKeepPasswords, m_keepPasswords);
    m_settings->endGroup();
    m_settings->sync();

    for (const Secret &secret : secretsOf(cluster, stores)) {
        if (secret.keyringKey.isEmpty()) {
            continue;
        }
        const QObject &owner = secret.ofCluster ? static_cast<const QObject &>(cluster) : stores;
        const QString password
            = m_keepPasswords ? owner.property(secret.property).toString() : QString();
        m_keyring->write(
            secret.keyringKey, password, [self = QPointer(this)](const QString &problem) {
                if (self) {
                    self->noteKeyring(problem);
                }
            });
    }
}

void ConnectionMemory::recall(ClusterSettings &cluster, StoreSettings &stores)
{
    if (!m_settings->childGroups().contains(kGroup)) {
        return;
    }
    m_settings->beginGroup(kGroup);
    for (const char *field : kClusterFields) {
        if (m_settings->contains(QLatin1String(field))) {
            cluster.setProperty(field, m_settings->value(QLatin1String(field)).toString());
        }
    }
    for (const char *field : kStoreFields) {
        if (m_settings->contains(QLatin1String(field))) {
            stores.setProperty(field, m_settings->value(QLatin1String(field)).toString());
        }
    }
    m_settings->endGroup();
    if (!m_keepPasswords) {
        return;
    }
    for (const Secret &secret : secretsOf(cluster, stores)) {
        if (secret.keyringKey.isEmpty()) {
            continue;
        }
        QObject *owner = secret.ofCluster ? static_cast<QObject *>(&cluster) : &stores;
        m_keyring->read(secret.keyringKey,
            [self = QPointer(this), target = QPointer(owner), property = secret.property,
                key = secret.keyringKey](const PasswordKeyring::Answer &answer) {
                if (!self) {
                    return;
                }
                self->noteKeyring(answer.problem);
                if (!target || answer.password.isEmpty()
                    || !target->property(property).toString().isEmpty()) {
                    return;
                }
                target->setProperty(property, answer.password);
                emit self->passwordRecalled(key);
            });
    }
}

void ConnectionMemory::setKeepPasswords(bool keep)
{
    if (keep == m_keepPasswords) {
        return;
    }
    m_keepPasswords = keep;
    noteKeyring({});
}

void ConnectionMemory::noteKeyring(const QString &problem)
{
    QString status;
    if (!problem.isEmpty()) {
        status = QStringLiteral("Passwords are kept for this run only: %1.").arg(problem);
    } else if (m_keepPasswords) {
        status = QStringLiteral("Passwords are kept in the desktop keyring (%1).")
                     .arg(m_keyring->service());
    } else {
        status = QStringLiteral("Passwords are kept for this run only.");
    }
    if (status != m_keyringStatus) {
        m_keyringStatus = status;
        emit changed();
    }
}

} // namespace chippy::gui
