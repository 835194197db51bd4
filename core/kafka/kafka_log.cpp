#include "kafka/kafka_log.h"

namespace chippy::kafka {

Q_LOGGING_CATEGORY(lcKafka, "chippy.kafka", QtInfoMsg)

} // namespace chippy::kafka
