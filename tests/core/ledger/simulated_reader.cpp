#include "simulated_reader.h"

namespace chippy::test {

SimulatedReader::SimulatedReader(ledger::Ledger &ledger, QString reader, quint32 seed)
    : m_ledger(ledger)
    , m_reader(std::move(reader))
    , m_random(seed)
{ }

bool SimulatedReader::start(QString *error)
{
    const auto stored = m_ledger.offsets(m_reader, error);
    if (!stored) {
        return false;
    }
    m_positions = SimulatedLog::logEnds(m_reader);
    for (auto &position : m_positions) {
        position.nextOffset = 0;
        for (const auto &offset : *stored) {
            if (offset.topic == position.topic && offset.partition == position.partition) {
                position.nextOffset = offset.nextOffset;
            }
        }
    }
    return true;
}

bool SimulatedReader::atEnd() const
{
    return m_positions == SimulatedLog::logEnds(m_reader);
}

bool SimulatedReader::recordNextBatch(QString *error)
{
    const auto ends = SimulatedLog::logEnds(m_reader);
    const bool accountant = m_reader == kAccountant;
    QList<ledger::Sale> sales;
    QList<ledger::PortionsUsed> portions;
    QList<ledger::SourceOffset> batchOffsets;
    auto next = m_positions;
    for (qsizetype i = 0; i < next.size(); ++i) {
        auto &position = next[i];
        const qint64 end = std::min(ends[i].nextOffset,
            position.nextOffset + m_random.bounded(kMaxRecordsPerPartition + 1));
        if (end == position.nextOffset) {
            continue;
        }
        const bool cook = position.topic == QLatin1String(ledger::kCookTopic);
        for (qint64 offset = position.nextOffset; offset < end; ++offset) {
            if (accountant) {
                sales.append(SimulatedLog::sale(position.partition, offset));
            } else {
                portions.append(cook ? SimulatedLog::cooked(position.partition, offset)
                                     : SimulatedLog::ordered(position.partition, offset));
            }
        }
        position.nextOffset = end;
        batchOffsets.append(position);
    }
    const bool recorded = accountant
        ? m_ledger.recordSales(m_reader, sales, batchOffsets, error)
        : m_ledger.recordPortions(m_reader, portions, batchOffsets, error);
    if (recorded) {
        m_positions = next;
    }
    return recorded;
}

} // namespace chippy::test
