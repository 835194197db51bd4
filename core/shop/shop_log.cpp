#include "shop/shop_log.h"

namespace chippy::shop {

Q_LOGGING_CATEGORY(lcShop, "chippy.shop", QtInfoMsg)

} // namespace chippy::shop
