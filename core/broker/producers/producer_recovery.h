#pragma once

namespace chippy::broker {

class ProducerStateTable;
class TopicRegistry;

// Rebuilds what the table knows of idempotent producers from the tail of every partition
// log, so that a batch retried across a broker restart is still recognised and not stored
// twice. Producers that have not written near the end of a log start afresh.
void recoverProducerState(ProducerStateTable &table, const TopicRegistry &topics);

} // namespace chippy::broker
