#pragma once

#include <QLoggingCategory>

namespace chippy::shop {

Q_DECLARE_LOGGING_CATEGORY(lcShop)

} // namespace chippy::shop
