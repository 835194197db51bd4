#include "cabinet/cabinet.h"

#include "cabinet/in_process_cabinet.h"
#include "cabinet/redis_cabinet.h"

namespace chippy::cabinet {

std::unique_ptr<Cabinet> openCabinet(const CabinetSettings &settings, QString *error)
{
    if (!settings.usesRedis()) {
        return std::make_unique<InProcessCabinet>();
    }
    return RedisCabinet::open(settings, error);
}

} // namespace chippy::cabinet
