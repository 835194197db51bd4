#pragma once

#include "shop/shop_config.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace chippy::gui {

// What the connection page edits about the shop's stores: where the statistician writes
// (OpenSearch, or the embedded SQLite when no URL is given), where the accountant and the
// stockist keep their books (PostgreSQL, or SQLite) and model 6's hot cabinet (Redis, or
// in-process). Passwords are kept apart from the addresses, so that neither a describe() nor
// a remembered setting ever holds one.
class StoreSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The store settings belong to the shop controller")

    Q_PROPERTY(QString analyticsUrl MEMBER m_analyticsUrl NOTIFY changed)
    Q_PROPERTY(QString analyticsUser MEMBER m_analyticsUser NOTIFY changed)
    Q_PROPERTY(QString analyticsPassword MEMBER m_analyticsPassword NOTIFY changed)
    Q_PROPERTY(QString analyticsCa MEMBER m_analyticsCa NOTIFY changed)
    Q_PROPERTY(QString ledgerDsn MEMBER m_ledgerDsn NOTIFY changed)
    Q_PROPERTY(QString ledgerPassword MEMBER m_ledgerPassword NOTIFY changed)
    Q_PROPERTY(QString cabinetUrl MEMBER m_cabinetUrl NOTIFY changed)
    Q_PROPERTY(QString cabinetPassword MEMBER m_cabinetPassword NOTIFY changed)
    Q_PROPERTY(QString describe READ describe NOTIFY changed)

public:
    explicit StoreSettings(QObject *parent = nullptr);

    // Fills the fields from the stores a shop is configured with (the command line's).
    void load(const shop::ShopConfig &config);
    // Puts the stores into a shop's configuration; call once problem() is empty.
    void applyTo(shop::ShopConfig &config) const;

    // Empty when the stores can be tried, otherwise what is wrong, in words.
    Q_INVOKABLE QString problem() const;
    // "OpenSearch at … · ledger in PostgreSQL at … · cabinet in Redis at …": no password.
    QString describe() const;

signals:
    void changed();

private:
    QString m_analyticsUrl;
    QString m_analyticsUser;
    QString m_analyticsPassword;
    QString m_analyticsCa;
    QString m_ledgerDsn;
    QString m_ledgerPassword;
    QString m_cabinetUrl;
    QString m_cabinetPassword;
};

} // namespace chippy::gui
