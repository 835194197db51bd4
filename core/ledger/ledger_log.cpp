#include "ledger/ledger_log.h"

namespace chippy::ledger {

Q_LOGGING_CATEGORY(lcLedger, "chippy.ledger", QtInfoMsg)

} // namespace chippy::ledger
