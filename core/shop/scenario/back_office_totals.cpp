#include "shop/scenario/back_office_totals.h"

namespace chippy::shop {

namespace {

template<typename Map> QJsonObject mapJson(const Map &map)
{
    QJsonObject json;
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        json.insert(it.key(), static_cast<qint64>(it.value()));
    }
    return json;
}

} // namespace

BackOfficeTotals BackOfficeTotals::read(
    const analytics::AnalyticsSettings &analytics, const ledger::LedgerSettings &ledger)
{
    BackOfficeTotals totals;
    if (const auto store = analytics::openAnalyticsStore(analytics)) {
        totals.analyticsStore = store->describe();
        if (store->sync(&totals.analyticsError)) {
            totals.figures = store->figures({}, &totals.analyticsError);
        }
    }
    if (const auto books = ledger::Ledger::open(ledger, &totals.ledgerError)) {
        totals.ledgerStore = books->describe();
        totals.books = books->totals(&totals.ledgerError);
    }
    return totals;
}

QJsonObject BackOfficeTotals::analyticsJson() const
{
    QJsonObject json {{QStringLiteral("store"), analyticsStore}};
    if (!figures) {
        json.insert(QStringLiteral("error"), analyticsError);
        return json;
    }
    json.insert(QStringLiteral("orders_counted"), figures->ordersCounted);
    json.insert(QStringLiteral("money_taken_pence"), figures->moneyTakenPence);
    json.insert(QStringLiteral("orders_cooked"), figures->ordersCooked);
    json.insert(QStringLiteral("orders_ready"), figures->ordersReady);
    json.insert(QStringLiteral("orders_per_item"), mapJson(figures->ordersPerItem));
    json.insert(QStringLiteral("preparation_ms"),
        QJsonObject {{QStringLiteral("p50"), figures->prepP50Ms},
            {QStringLiteral("p95"), figures->prepP95Ms}});
    return json;
}

QJsonObject BackOfficeTotals::ledgerJson() const
{
    QJsonObject json {{QStringLiteral("store"), ledgerStore}};
    if (!books) {
        json.insert(QStringLiteral("error"), ledgerError);
        return json;
    }
    json.insert(QStringLiteral("orders"), books->orders);
    json.insert(QStringLiteral("money_taken_pence"), books->moneyTakenPence);
    json.insert(QStringLiteral("portions_ordered"), mapJson(books->portionsOrdered));
    json.insert(QStringLiteral("portions_cooked"), mapJson(books->portionsCooked));
    return json;
}

} // namespace chippy::shop
