#pragma once

#include "simulated_log.h"

#include <QHash>
#include <QRandomGenerator>

namespace chippy::test {

// The accountant or the stockist reading the simulated log as they would from Kafka:
// starting where the ledger says they got to, then batches of a random number of records
// per partition, each batch recorded with the offsets after it.
class SimulatedReader
{
public:
    SimulatedReader(ledger::Ledger &ledger, QString reader, quint32 seed);

    // Reads the stored offsets; false with the reason when the ledger cannot say.
    bool start(QString *error);
    // Records the next batch (while not at the end); false with the reason on an error.
    bool recordNextBatch(QString *error);
    bool atEnd() const;

private:
    static constexpr int kMaxRecordsPerPartition = 4;

    ledger::Ledger &m_ledger;
    QString m_reader;
    QRandomGenerator m_random;
    QList<ledger::SourceOffset> m_positions;
};

} // namespace chippy::test
