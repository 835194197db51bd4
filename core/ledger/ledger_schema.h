#pragma once

#include <QString>

namespace chippy::ledger {

class LedgerConnection;

// Creates the ledger's tables where they are missing, in one transaction.
bool createLedgerTables(LedgerConnection &connection, QString *reason);

} // namespace chippy::ledger
