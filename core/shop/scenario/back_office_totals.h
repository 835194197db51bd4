#pragma once

#include "analytics/analytics_store.h"
#include "ledger/ledger.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace chippy::shop {

// What the back office has recorded, read from its stores: the statistician's figures and the
// accountant's and stockist's books. Either part is missing when nobody wrote it or its store
// could not be read (the reason is kept).
struct BackOfficeTotals
{
    QString analyticsStore; // "OpenSearch at …" / "embedded SQLite (…)"
    std::optional<analytics::Figures> figures;
    QString analyticsError;
    QString ledgerStore;
    std::optional<ledger::LedgerTotals> books;
    QString ledgerError;

    // Reads both stores on the calling thread.
    static BackOfficeTotals read(
        const analytics::AnalyticsSettings &analytics, const ledger::LedgerSettings &ledger);

    QJsonObject analyticsJson() const;
    QJsonObject ledgerJson() const;
};

} // namespace chippy::shop
