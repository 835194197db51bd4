#include "money_text.h"

#include <QLocale>

namespace chippy::gui {

namespace {

QString symbolOf(const QString &currency)
{
    if (currency == QLatin1String("GBP")) {
        return QStringLiteral("£");
    }
    if (currency == QLatin1String("EUR")) {
        return QStringLiteral("€");
    }
    if (currency == QLatin1String("USD")) {
        return QStringLiteral("$");
    }
    return currency + QLatin1Char(' ');
}

} // namespace

QString moneyText(qint64 pence, const QString &currency)
{
    static const QLocale english(QLocale::English, QLocale::UnitedKingdom);
    return english.toCurrencyString(static_cast<double>(pence) / 100.0, symbolOf(currency), 2);
}

} // namespace chippy::gui
