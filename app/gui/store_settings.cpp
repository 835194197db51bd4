#include "store_settings.h"

#include "back_office_options.h"

#include <QUrl>

namespace chippy::gui {

namespace {

bool isPostgres(const QString &dsn)
{
    return dsn.startsWith(QLatin1String("postgresql://"))
        || dsn.startsWith(QLatin1String("postgres://"));
}

QString hostOf(const QString &url)
{
    return QUrl(url).adjusted(QUrl::RemoveUserInfo).toString();
}

} // namespace

StoreSettings::StoreSettings(QObject *parent)
    : QObject(parent)
{ }

void StoreSettings::load(const shop::ShopConfig &config)
{
    m_analyticsUrl = config.analytics.url;
    m_analyticsUser = config.analytics.user;
    m_analyticsPassword = config.analytics.password;
    m_analyticsCa = config.analytics.caFile;
    const QUrl ledger(config.ledger.dsn);
    m_ledgerPassword = isPostgres(config.ledger.dsn) ? ledger.password() : QString();
    m_ledgerDsn = isPostgres(config.ledger.dsn) ? ledger.adjusted(QUrl::RemovePassword).toString()
                                                : config.ledger.dsn;
    m_cabinetUrl = config.cabinet.url;
    m_cabinetPassword = config.cabinet.password;
    emit changed();
}

void StoreSettings::applyTo(shop::ShopConfig &config) const
{
    QString ignored;
    if (m_analyticsUrl.trimmed().isEmpty()) {
        config.analytics.url.clear();
    } else if (const auto openSearch
        = app::BackOfficeOptions::openSearchAt(m_analyticsUrl.trimmed(), &ignored)) {
        config.analytics.url = openSearch->url;
    }
    config.analytics.user = m_analyticsUser.trimmed();
    config.analytics.password = m_analyticsPassword;
    config.analytics.caFile = m_analyticsCa.trimmed();
    config.ledger.dsn
        = app::BackOfficeOptions::ledgerWithPassword(m_ledgerDsn.trimmed(), m_ledgerPassword);
    config.cabinet.url = m_cabinetUrl.trimmed();
    config.cabinet.password = m_cabinetPassword;
}

QString StoreSettings::problem() const
{
    QString error;
    if (!m_analyticsUrl.trimmed().isEmpty()
        && !app::BackOfficeOptions::openSearchAt(m_analyticsUrl.trimmed(), &error)) {
        return QStringLiteral("the statistician's store needs %1").arg(error);
    }
    const QString dsn = m_ledgerDsn.trimmed();
    if (!dsn.isEmpty() && !dsn.startsWith(QLatin1String("sqlite:")) && !isPostgres(dsn)) {
        return QStringLiteral("the ledger is sqlite:FILE or postgresql://user@host:port/database");
    }
    const QUrl cabinet(m_cabinetUrl.trimmed());
    if (!m_cabinetUrl.trimmed().isEmpty()
        && (cabinet.scheme() != QLatin1String("redis") || cabinet.host().isEmpty())) {
        return QStringLiteral("the hot cabinet needs a redis://host:port address");
    }
    return {};
}

QString StoreSettings::describe() const
{
    const QString analytics = m_analyticsUrl.trimmed().isEmpty()
        ? QStringLiteral("statistician on embedded SQLite")
        : QStringLiteral("statistician on OpenSearch at %1").arg(hostOf(m_analyticsUrl.trimmed()));
    const QString ledger = isPostgres(m_ledgerDsn.trimmed())
        ? QStringLiteral("ledger in PostgreSQL at %1").arg(hostOf(m_ledgerDsn.trimmed()))
        : QStringLiteral("ledger in SQLite");
    const QString cabinet = m_cabinetUrl.trimmed().isEmpty()
        ? QStringLiteral("hot cabinet in-process")
        : QStringLiteral("hot cabinet in Redis at %1").arg(hostOf(m_cabinetUrl.trimmed()));
    return QStringList {analytics, ledger, cabinet}.join(QStringLiteral(" · "));
}

} // namespace chippy::gui
