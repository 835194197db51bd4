#include "cabinet/cabinet_log.h"

namespace chippy::cabinet {

Q_LOGGING_CATEGORY(lcCabinet, "chippy.cabinet", QtInfoMsg)

} // namespace chippy::cabinet
