#pragma once

#include <QString>

namespace chippy::gui {

// An amount of money as the window shows it, in the menu's currency: "£1,392.00". A
// currency without a symbol of its own is written with its code: "CHF 12.50".
QString moneyText(qint64 pence, const QString &currency);

} // namespace chippy::gui
