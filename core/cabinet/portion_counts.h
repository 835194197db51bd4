#pragma once

#include "cabinet/cabinet.h"

namespace chippy::cabinet {

// Whether every count is zero or more; otherwise says which item, for an action such as
// "take", and returns false.
bool countsAreNotNegative(const Portions &portions, const char *action, QString *error);

// The batch size for item: batchSize's, 1 when it names none. Zero or less is an error.
std::optional<int> batchFor(const Portions &batchSize, const QString &item, QString *error);

// Sets *error when error is not null.
void setError(QString *error, const QString &message);

} // namespace chippy::cabinet
