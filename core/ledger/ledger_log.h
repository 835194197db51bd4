#pragma once

#include <QLoggingCategory>

namespace chippy::ledger {

Q_DECLARE_LOGGING_CATEGORY(lcLedger)

} // namespace chippy::ledger
