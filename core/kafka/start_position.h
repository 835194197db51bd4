#pragma once

#include <QString>

namespace chippy::kafka {

// Where a consumer starts reading a partition it has not read before.
struct StartPosition
{
    enum class Kind { Committed, Earliest, Latest, Offset, Time };

    Kind kind = Kind::Committed;
    qint64 value = 0; // the offset for Offset, ms since the epoch for Time

    static StartPosition committed() { return {}; }
    static StartPosition earliest() { return {Kind::Earliest, 0}; }
    static StartPosition latest() { return {Kind::Latest, 0}; }
    static StartPosition atOffset(qint64 offset) { return {Kind::Offset, offset}; }
    static StartPosition atTime(qint64 msSinceEpoch) { return {Kind::Time, msSinceEpoch}; }

    // "committed", "earliest", "latest", "offset:42", "time:1700000000000".
    QString toString() const;
    // Parses what toString() writes; ok is false for anything else.
    static StartPosition fromString(const QString &text, bool *ok);

    friend bool operator==(const StartPosition &, const StartPosition &) = default;
};

} // namespace chippy::kafka
